package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

class MatrixReaderTest {

    private static final List<List<String>> ONE_TO_FOUR = List.of(List.of("1", "2"), List.of("3", "4"));

    @Test
    void shouldReadTheCellsWhateverTheLayout() {
        assertEquals(Optional.of(ONE_TO_FOUR), MatrixReader.rows("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}"));
        assertEquals(Optional.of(ONE_TO_FOUR), MatrixReader.rows("[\\begin{array}{c|c} 1 & 2 \\\\ 3 & 4 \\end{array}]"));
        assertEquals(Optional.of(ONE_TO_FOUR), MatrixReader.rows("( \\begin{matrix} 1 & 2 \\\\ 3 & 4 \\end{matrix} )"));
        assertEquals(Optional.of(ONE_TO_FOUR), MatrixReader.rows("\\begin{bmatrix} 1 & 2 \\\\[2pt] 3 & 4 \\\\[0.5em] \\end{bmatrix}"));
        assertEquals(Optional.of(ONE_TO_FOUR),
                MatrixReader.rows("[\\begin{array}{cc} \\hline 1 & 2 \\\\ \\hline 3 & 4 \\\\ \\hline \\end{array}]"));
        assertEquals(Optional.of(List.of(List.of("-2"), List.of("-14"))),
                MatrixReader.rows("(\\begin{array}{c} -2 \\\\ -14 \\end{array})"));
    }

    @Test
    void shouldNotReadDeterminantsLayoutsOrBlocks() {
        assertTrue(MatrixReader.rows("\\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}").isEmpty(), "a determinant");
        assertTrue(MatrixReader.rows("|\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}|").isEmpty(), "a determinant");
        assertTrue(MatrixReader.rows("\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}").isEmpty(), "no brackets: a layout");
        assertTrue(MatrixReader.rows("(\\begin{pmatrix} 1 \\end{pmatrix})").isEmpty(), "brackets twice");
        assertTrue(MatrixReader.rows("\\begin{pmatrix} 1 \\end{pmatrix} + \\begin{pmatrix} 2 \\end{pmatrix}").isEmpty(), "a sum");
        assertTrue(MatrixReader.rows("[\\begin{array}{c} 1 \\end{array})").isEmpty(), "mismatched brackets");
    }
}
