package io.thinkmeter.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cells of a matrix, as models and datasets write one: {@code pmatrix}, {@code bmatrix},
 * {@code Bmatrix}, {@code matrix}, {@code smallmatrix}; and {@code array}, {@code matrix} or
 * {@code smallmatrix} inside {@code (...)} or {@code [...]} (what {@code \left[\begin{array}{cc} ...
 * \end{array}\right]} is after normalisation). The layout is not the matrix, so it is dropped: an
 * array's column spec ({@code {cc}}, {@code {c|c}}), {@code \hline}, the spacing after a row break
 * ({@code \\[2pt]}), a closing row break. Not a matrix: {@code vmatrix} and an array between bars
 * (determinants, which are numbers), an array with no brackets (a layout, not necessarily a matrix),
 * and environments nested in a cell (block matrices are not read).
 */
final class MatrixReader {

    private static final Pattern ENVIRONMENT =
            Pattern.compile("\\\\begin\\{(pmatrix|bmatrix|Bmatrix|matrix|smallmatrix|array)}(.*)\\\\end\\{\\1}", Pattern.DOTALL);
    /** Environments with no delimiters of their own, so brackets around them are the matrix's. */
    private static final List<String> UNDELIMITED = List.of("array", "matrix", "smallmatrix");
    private static final Pattern COLUMN_SPEC = Pattern.compile("^\\s*\\{[lcr|:\\s]*}");
    private static final Pattern ROW_SPACING = Pattern.compile("^\\s*\\[\\s*-?[0-9.]*\\s*[a-z]{2}\\s*]");
    private static final Pattern RULES = Pattern.compile("\\\\(?:hline|hdashline)(?![A-Za-z])");

    private MatrixReader() {
    }

    /** The rows of cell texts when {@code s} is one whole matrix; empty otherwise. */
    static Optional<List<List<String>>> rows(String s) {
        String t = s.strip();
        boolean bracketed = !t.isEmpty() && (t.charAt(0) == '(' || t.charAt(0) == '[')
                && TopLevel.closing(t, 0) == t.length() - 1
                && t.charAt(t.length() - 1) == (t.charAt(0) == '(' ? ')' : ']');
        if (bracketed) {
            t = t.substring(1, t.length() - 1).strip();
        }
        Matcher m = ENVIRONMENT.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        // (\begin{pmatrix}...) would be brackets twice; a bare array is a layout (matrix and smallmatrix
        // alone were read as matrices before, and still are)
        boolean matrix = bracketed ? UNDELIMITED.contains(m.group(1)) : !m.group(1).equals("array");
        if (!matrix) {
            return Optional.empty();
        }
        String body = m.group(2);
        if (body.contains("\\begin{") || body.contains("\\end{")) {
            return Optional.empty(); // two matrices side by side, or a block matrix: not read
        }
        if (m.group(1).equals("array")) {
            Matcher spec = COLUMN_SPEC.matcher(body);
            if (!spec.find()) {
                return Optional.empty();
            }
            body = body.substring(spec.end());
        }
        return Optional.of(cells(RULES.matcher(body).replaceAll(" ")));
    }

    private static List<List<String>> cells(String body) {
        List<List<String>> rows = new ArrayList<>();
        for (String row : body.split("\\\\\\\\")) {
            String r = ROW_SPACING.matcher(row).replaceFirst("");
            if (!r.isBlank()) {
                List<String> cells = new ArrayList<>();
                for (String cell : r.split("&", -1)) {
                    cells.add(cell.strip());
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
