package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.thinkmeter.grading.Answer.Equation;
import io.thinkmeter.grading.Answer.ListOf;
import io.thinkmeter.grading.Answer.Matrix;
import io.thinkmeter.grading.Answer.Scalar;
import io.thinkmeter.grading.Answer.SetOf;
import io.thinkmeter.grading.Answer.Tuple;
import io.thinkmeter.grading.Answer.Union;
import io.thinkmeter.grading.Answer.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

class AnswerParserTest {

    @Test
    void shouldReadAPlainlyGroupedNumberAsOneNumber() {
        Scalar s = assertInstanceOf(Scalar.class, AnswerParser.parse("58,500"));
        assertEquals("58500", s.text());
    }

    @Test
    void shouldReadListsTuplesAndIntervals() {
        assertEquals(3, assertInstanceOf(ListOf.class, AnswerParser.parse("3, 5, 7")).items().size());
        Tuple t = assertInstanceOf(Tuple.class, AnswerParser.parse("\\left(\\frac{3}{5},\\frac{8}{3}\\right]"));
        assertEquals('(', t.open());
        assertEquals(']', t.close());
        assertEquals(2, t.items().size());
        assertInstanceOf(Scalar.class, AnswerParser.parse("(a+5)(b+2)"), "a product, not a pair");
        assertInstanceOf(Tuple.class, assertInstanceOf(ListOf.class, AnswerParser.parse("(1,2),(3,4)")).items().get(1));
    }

    @Test
    void shouldReadSetsUnionsAndMembership() {
        SetOf set = assertInstanceOf(SetOf.class, AnswerParser.parse("\\{1\\pm\\sqrt{5},-2\\}"));
        assertEquals(3, set.items().size(), "the plus-minus item counts as two");
        Union u = assertInstanceOf(Union.class, AnswerParser.parse("$(-\\infty, 0) \\cup\\{1\\}$."));
        assertInstanceOf(SetOf.class, u.pieces().get(1));
        assertInstanceOf(Tuple.class, AnswerParser.parse("x \\in [-2,7]"));
    }

    @Test
    void shouldReadSeveralAnswersSeparatedBySemicolonsAndWords() {
        assertEquals(2, assertInstanceOf(ListOf.class, AnswerParser.parse("2; 3")).items().size());
        assertEquals(3, assertInstanceOf(ListOf.class, AnswerParser.parse("1 \\pm \\sqrt{2}; 3")).items().size(),
                "the plus-minus part counts as two");
        ListOf groups = assertInstanceOf(ListOf.class, AnswerParser.parse("a=1, b=2; a=3, b=4"));
        assertEquals(2, groups.items().size(), "two solutions, not four values");
        assertInstanceOf(ListOf.class, groups.items().get(0));
        assertEquals(3, assertInstanceOf(ListOf.class, AnswerParser.parse("2, 3, and 5")).items().size());
        assertEquals(2, assertInstanceOf(ListOf.class, AnswerParser.parse("x=2 \\text{ or } x=3")).items().size());
        assertInstanceOf(Scalar.class, AnswerParser.parse("x > 2 \\text{ and } x < 5"), "no values between the words");
        assertInstanceOf(Scalar.class, AnswerParser.parse("\\text{yes} and \\text{no}"), "words, not values");
        assertInstanceOf(Scalar.class, AnswerParser.parse("(1;2)"), "inside brackets: left alone, compared as text");
        assertEquals(3, assertInstanceOf(SetOf.class, AnswerParser.parse("{2, 3, 5}")).items().size(), "a set in plain braces");
        assertInstanceOf(Scalar.class, AnswerParser.parse("{5}"), "one item in braces is a group");
    }

    @Test
    void shouldReadMatricesByRowsAndCells() {
        Matrix m = assertInstanceOf(Matrix.class, AnswerParser.parse("\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}"));
        assertEquals(2, m.rows().size());
        assertEquals(2, m.rows().get(1).size());
        Matrix column = assertInstanceOf(Matrix.class, AnswerParser.parse("\\begin{bmatrix} 16/49 \\\\ 48/49 \\\\ 24/49 \\end{bmatrix}"));
        assertEquals(3, column.rows().size());
        assertInstanceOf(Scalar.class, AnswerParser.parse("\\begin{vmatrix} 1 & 0 \\\\ 0 & 1 \\end{vmatrix}"), "a determinant is no matrix");
    }

    @Test
    void shouldReadEquationsAndTheNamesOnTheirLeft() {
        assertEquals(List.of("x"), assertInstanceOf(Equation.class, AnswerParser.parse("x=5")).names());
        assertEquals(List.of("f(x)"), assertInstanceOf(Equation.class, AnswerParser.parse("f(x)=x+1")).names());
        assertEquals(List.of("m_{\\max}"), assertInstanceOf(Equation.class, AnswerParser.parse("m_{\\max}=n^{2}-n-1")).names());
        assertEquals(List.of("x", "y"), assertInstanceOf(Equation.class, AnswerParser.parse("(x, y) = (5, 3)")).names());
        assertEquals(List.of(), assertInstanceOf(Equation.class, AnswerParser.parse("5x - 7y + 11z + 4 = 0")).names());
        assertInstanceOf(Scalar.class, AnswerParser.parse("a \\le b"), "a relation other than = stays a value, compared as text");
    }

    @Test
    void shouldTellWordsFromExpressions() {
        assertEquals(new Word("evelyn"), AnswerParser.parse("\\text{Evelyn}"));
        assertEquals(new Word("east"), AnswerParser.parse("East"));
        assertEquals(new Word("AB"), AnswerParser.parse("AB"), "two bare letters keep their case");
        Scalar choice = assertInstanceOf(Scalar.class, AnswerParser.parse("\\text{(B)}"));
        assertEquals("(B)", choice.text());
        assertNotNull(choice.expr());
        assertNotNull(assertInstanceOf(Scalar.class, AnswerParser.parse("p - q")).expr());
    }

    @Test
    void shouldKeepAValueItCannotReadAsText() {
        Scalar s = assertInstanceOf(Scalar.class, AnswerParser.parse("x \\ne 2"));
        assertNull(s.expr());
        assertNotNull(s.notMath());
    }

    @Test
    void shouldSplitUnitsOffValues() {
        Scalar s = assertInstanceOf(Scalar.class, AnswerParser.parse("15\\mbox{ cm}^2"));
        assertEquals("15", s.text());
        assertEquals("cm^2", s.unit());
        Tuple t = assertInstanceOf(Tuple.class, AnswerParser.parse("(45^{\\circ}, 60^{\\circ})"));
        assertEquals("degree", ((Scalar) t.items().get(0)).unit());
    }
}
