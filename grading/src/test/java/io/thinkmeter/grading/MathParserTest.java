package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.thinkmeter.grading.MathExpr.Call;
import io.thinkmeter.grading.MathExpr.Fn;
import io.thinkmeter.grading.MathExpr.Negation;
import io.thinkmeter.grading.MathExpr.Num;
import io.thinkmeter.grading.MathExpr.Pi;
import io.thinkmeter.grading.MathExpr.Power;
import io.thinkmeter.grading.MathExpr.Product;
import io.thinkmeter.grading.MathExpr.Quotient;
import io.thinkmeter.grading.MathExpr.Root;
import io.thinkmeter.grading.MathExpr.Sum;
import io.thinkmeter.grading.MathExpr.Var;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

class MathParserTest {

    @Test
    void shouldReadNumbers() {
        assertEquals(num("25"), MathParser.parse("025"));
        assertEquals(new Num(new BigDecimal("0.15"), true), MathParser.parse("0.15"));
        assertEquals(new Num(new BigDecimal(".5"), true), MathParser.parse(".5"));
    }

    @Test
    void shouldReadFractionsInAllTheirForms() {
        Quotient threeQuarters = new Quotient(num("3"), num("4"));
        assertEquals(threeQuarters, MathParser.parse("\\frac{3}{4}"));
        assertEquals(threeQuarters, MathParser.parse("\\frac34"));
        assertEquals(threeQuarters, MathParser.parse("\\frac 3 4"));
        assertEquals(threeQuarters, MathParser.parse("3/4"));
        assertEquals(new Quotient(num("9"), num("19")), MathParser.parse("\\frac9{19}"));
        assertEquals(new Quotient(num("270"), num("7")), MathParser.parse("\\frac{270}7"));
        assertEquals(new Quotient(new Pi(), num("2")), MathParser.parse("\\frac\\pi2"));
    }

    @Test
    void shouldReadImplicitProductsAndPowers() {
        assertEquals(new Product(List.of(num("2"), var("x"))), MathParser.parse("2x"));
        assertEquals(new Product(List.of(var("a"), var("b"))), MathParser.parse("ab"));
        assertEquals(new Product(List.of(num("3"), new Power(var("R"), num("2")))), MathParser.parse("3R^2"));
        assertEquals(new Power(num("2"), num("10")), MathParser.parse("2^10"), "the whole exponent, as meant");
        assertEquals(new Negation(new Power(var("x"), num("2"))), MathParser.parse("-x^2"));
        assertEquals(new Product(List.of(new Sum(List.of(var("a"), num("5"))), new Sum(List.of(var("b"), num("2"))))),
                MathParser.parse("(a+5)(b+2)"));
    }

    @Test
    void shouldReadRootsAndFunctions() {
        assertEquals(new Root(num("2"), num("2")), MathParser.parse("\\sqrt2"));
        assertEquals(new Root(num("3"), num("4")), MathParser.parse("\\sqrt[3]{4}"));
        assertEquals(new Call(Fn.SIN, List.of(new Product(List.of(num("2"), var("x"))))), MathParser.parse("\\sin 2x"));
        assertEquals(new Power(new Call(Fn.SIN, List.of(var("x"))), num("2")), MathParser.parse("\\sin^2 x"));
        assertEquals(new Call(Fn.LOG, List.of(num("10"), num("250"))), MathParser.parse("\\log _{10} 250"));
        assertEquals(new Call(Fn.FLOOR, List.of(new Quotient(var("n"), num("2")))), MathParser.parse("\\lfloor n/2 \\rfloor"));
        assertEquals(new Call(Fn.ABS, List.of(new Sum(List.of(var("x"), new Negation(num("1")))))), MathParser.parse("|x-1|"));
        assertEquals(new Call(Fn.FACTORIAL, List.of(var("d"))), MathParser.parse("d !"));
        assertEquals(new Call(Fn.BINOMIAL, List.of(new Product(List.of(num("2"), var("n"))), var("n"))),
                MathParser.parse("\\binom{2n}{n}"));
    }

    @Test
    void shouldReadSubscriptsAndGreekLettersAsNames() {
        assertEquals(var("a_10"), MathParser.parse("a_{10}"));
        assertEquals(var("m_\\max"), MathParser.parse("m_{\\max }"));
        assertEquals(var("\\theta"), MathParser.parse("\\theta"));
    }

    @Test
    void shouldReadAMixedNumberAsItsSum() {
        assertEquals(new Sum(List.of(num("1"), new Quotient(num("4"), num("5")))), MathParser.parse("1\\frac{4}{5}"));
        assertEquals(new Negation(new Sum(List.of(num("137"), new Quotient(num("1"), num("2"))))),
                MathParser.parse("-137 \\frac12"));
        assertEquals(new Product(List.of(num("2"), new Quotient(num("3"), num("2")))), MathParser.parse("2\\frac{3}{2}"),
                "an improper fraction makes no mixed number");
    }

    @Test
    void shouldRefuseWhatItDoesNotRead() {
        for (String s : List.of("k \\geqslant 2", "1 \\pm 2", "1, 2", "x = 5", "\\text{cm}", "10 000", "2 3", "\\frac{1}",
                "(1", "\\angle A", "t(0,4]")) {
            MathSyntaxException e = assertThrows(MathSyntaxException.class, () -> MathParser.parse(s), s);
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
    }

    private static Num num(String digits) {
        return new Num(new BigDecimal(digits), false);
    }

    private static Var var(String name) {
        return new Var(name);
    }
}
