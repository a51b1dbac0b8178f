package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatexNormalizerTest {

    @Test
    void shouldDropMathDelimitersButKeepADollarSign() {
        assertEquals("\\frac{1}{2}", LatexNormalizer.mathDelimiters("$\\frac{1}{2}$"));
        assertEquals("x+1", LatexNormalizer.mathDelimiters("\\(x+1\\)"));
        assertEquals("x", LatexNormalizer.mathDelimiters("\\[ x \\]"));
        assertEquals("\\$18.90", LatexNormalizer.mathDelimiters("$\\$18.90$"));
        assertEquals("f(x)=-1,f(x)=x+1", LatexNormalizer.mathDelimiters("$f(x)=-1$,$f(x)=x+1$"));
    }

    @Test
    void shouldDropSizingCommandsButNotLongerCommands() {
        assertEquals("( 3, \\frac{\\pi}{2} )", LatexNormalizer.sizing("\\left( 3, \\frac{\\pi}{2} \\right)"));
        assertEquals("\\{1\\}", LatexNormalizer.sizing("\\left\\{1\\right\\}"));
        assertEquals("x|", LatexNormalizer.sizing("\\left.x\\right|"));
        assertEquals("(x)", LatexNormalizer.sizing("\\bigl(x\\bigr)"));
        assertEquals("a \\rightarrow b", LatexNormalizer.sizing("a \\rightarrow b"));
    }

    @Test
    void shouldUnifyTextAndFractionCommands() {
        assertEquals("15\\text{ cm}^2", LatexNormalizer.textAliases("15\\mbox{ cm}^2"));
        assertEquals("\\text{(C)}", LatexNormalizer.textAliases("\\textbf{(C)}"));
        assertEquals("\\frac{17}{50}+\\frac12+\\frac{a}{b}", LatexNormalizer.fractionAliases("\\dfrac{17}{50}+\\tfrac12+\\cfrac{a}{b}"));
        assertEquals("\\binom{5}{2}", LatexNormalizer.fractionAliases("\\dbinom{5}{2}"));
    }

    @Test
    void shouldUnifyDegreesAndPercent() {
        assertEquals("45^\\circ", LatexNormalizer.degrees("45^{\\circ}"));
        assertEquals("45^\\circ", LatexNormalizer.degrees("45°"));
        assertEquals("45^\\circ", LatexNormalizer.degrees("45\\degree"));
        assertEquals("8 %", LatexNormalizer.percent("8 \\%"));
    }

    @Test
    void shouldDropSpacingButNotAMatrixRowBreak() {
        assertEquals("x + 1", LatexNormalizer.spacing("x \\! + \\, 1"));
        assertEquals("a b", LatexNormalizer.spacing("a\\quad b"));
        assertEquals("\\frac{2}{3}", LatexNormalizer.spacing("\\displaystyle\\frac{2}{3}"));
        assertEquals("1 \\\\ 2", LatexNormalizer.spacing("1 \\\\ 2"));
    }

    @Test
    void shouldDropAClosingPeriod() {
        assertEquals("(-\\infty, 0) \\cup\\{1\\}", LatexNormalizer.trailingPeriod("(-\\infty, 0) \\cup\\{1\\}."));
        assertEquals("5", LatexNormalizer.trailingPeriod("5."));
        assertEquals("0.5", LatexNormalizer.trailingPeriod("0.5"));
    }

    @Test
    void shouldReadUnicodeMathAsLatex() {
        assertEquals("-3", LatexNormalizer.unicode("\u22123"));
        assertEquals("2\\pi ", LatexNormalizer.unicode("2\u03c0"));
    }

    @Test
    void shouldApplyAllInOrder() {
        assertEquals("10080", LatexNormalizer.normalize("$10,\\!080$"));
        assertEquals("( \\frac{3}{5},\\frac{8}{3}]", LatexNormalizer.normalize("\\left( \\dfrac{3}{5},\\frac{8}{3}\\right]"));
    }
}
