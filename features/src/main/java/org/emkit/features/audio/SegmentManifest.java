package org.emkit.features.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A list of audio files with labels, read from a tab-separated manifest such as the
 * {@code segments.tsv} that {@code scripts/prepare-debvox.sh} writes.
 *
 * <p><b>Format.</b> UTF-8 text, one record per line ({@code \n} or {@code \r\n}); fields are
 * separated by single tabs and cannot contain tabs or line breaks (there is no quoting). Blank
 * lines and lines starting with {@code #} are ignored. The first other line is the header: unique,
 * non-empty column names, among them {@code id} (unique, non-empty per row) and {@code path} (the
 * audio file, relative to the manifest's directory unless absolute). Every other column is kept as
 * a string label, for example {@code speaker}, {@code channel} or {@code language}; every row has
 * exactly as many fields as the header. Example:
 *
 * <pre>
 * id	speaker	path	channel
 * ast_carlo_000	ast_carlo	wav/ast_carlo_000.wav	gsm
 * </pre>
 *
 * <p><b>Errors.</b> {@link ManifestFormatException} with file and line for a malformed file;
 * {@link IllegalArgumentException} for a request naming an unknown column or a non-numeric value
 * read as a number.
 *
 * <p><b>Reproducibility and threads.</b> Immutable; entries keep the file order; thread-safe.
 *
 * @see WavReader
 * @see FrontEnd
 */
public final class SegmentManifest {

  private static final String OWNER = "SegmentManifest";

  /** Name of the required identifier column. */
  public static final String ID = "id";
  /** Name of the required audio-path column. */
  public static final String PATH = "path";

  private final Path file;
  private final List<String> columns;
  private final Map<String, Integer> columnIndex;
  private final List<Entry> entries;
  private final Map<String, Entry> byId;

  private SegmentManifest(Path file, List<String> columns, Map<String, Integer> columnIndex,
      List<Entry> entries) {
    this.file = file;
    this.columns = columns;
    this.columnIndex = columnIndex;
    this.entries = Collections.unmodifiableList(entries);
    Map<String, Entry> ids = new HashMap<>();
    for (Entry e : entries) {
      ids.put(e.id(), e);
    }
    this.byId = ids;
  }

  /**
   * Reads a manifest.
   *
   * @param tsv the manifest file
   * @return the manifest, entries in file order
   * @throws ManifestFormatException if the file is malformed (file and line in the message)
   * @throws IOException if it cannot be read
   */
  public static SegmentManifest read(Path tsv) throws IOException {
    Objects.requireNonNull(tsv, "tsv");
    String text = Files.readString(tsv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r?\n", -1);
    Path base = tsv.toAbsolutePath().getParent();
    List<String> columns = null;
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seenIds = new HashMap<>();
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln];
      int lineNo = ln + 1;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (columns == null) {
        for (int c = 0; c < fields.length; c++) {
          String name = fields[c];
          if (name.isEmpty()) {
            throw error(tsv, lineNo, "a non-empty name for header column " + (c + 1), "''");
          }
          if (index.putIfAbsent(name, c) != null) {
            throw error(tsv, lineNo, "unique column names", "'" + name + "' twice");
          }
        }
        for (String required : new String[] {ID, PATH}) {
          if (!index.containsKey(required)) {
            throw error(tsv, lineNo, "a header with column '" + required + "'",
                "columns " + index.keySet());
          }
        }
        columns = List.of(fields);
        continue;
      }
      if (fields.length != columns.size()) {
        throw error(tsv, lineNo, columns.size() + " tab-separated fields as in the header",
            fields.length + " fields");
      }
      String id = fields[index.get(ID)];
      String path = fields[index.get(PATH)];
      if (id.isEmpty()) {
        throw error(tsv, lineNo, "a non-empty '" + ID + "'", "''");
      }
      if (path.isEmpty()) {
        throw error(tsv, lineNo, "a non-empty '" + PATH + "'", "''");
      }
      Integer previous = seenIds.putIfAbsent(id, lineNo);
      if (previous != null) {
        throw error(tsv, lineNo, "unique ids", "'" + id + "' already on line " + previous);
      }
      Path resolved = base == null ? Path.of(path) : base.resolve(path);
      entries.add(new Entry(fields, resolved.normalize(), lineNo, index, tsv));
    }
    if (columns == null) {
      throw error(tsv, lines.length, "a header line with columns 'id' and 'path'",
          "no header (empty file)");
    }
    return new SegmentManifest(tsv, columns, Collections.unmodifiableMap(index), entries);
  }

  /** @return the manifest file as given to {@link #read} */
  public Path file() {
    return file;
  }

  /** @return the column names in header order */
  public List<String> columns() {
    return columns;
  }

  /** @return the number of entries */
  public int size() {
    return entries.size();
  }

  /** @return the entries in file order (unmodifiable) */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * @param i entry index in [0, size())
   * @return entry {@code i}
   */
  public Entry get(int i) {
    return entries.get(Objects.checkIndex(i, entries.size()));
  }

  /**
   * @param id an entry id
   * @return the entry with that id
   * @throws NoSuchElementException if there is none
   */
  public Entry byId(String id) {
    Entry e = byId.get(Objects.requireNonNull(id, "id"));
    if (e == null) {
      throw new NoSuchElementException(OWNER + ".byId: no entry with id '" + id + "' in " + file);
    }
    return e;
  }

  /**
   * The distinct values of a column, in order of first appearance.
   *
   * @param column a column name
   * @return the values
   * @throws IllegalArgumentException if the column does not exist
   */
  public List<String> distinct(String column) {
    int c = column(column, "distinct");
    LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
    for (Entry e : entries) {
      seen.putIfAbsent(e.values[c], Boolean.TRUE);
    }
    return List.copyOf(seen.keySet());
  }

  /**
   * Integer labels for a column: entry i gets the index of its value in {@link #distinct}.
   *
   * @param column a column name (for example {@code speaker})
   * @return {@code size()} labels in [0, distinct(column).size())
   * @throws IllegalArgumentException if the column does not exist
   */
  public int[] labelIndices(String column) {
    int c = column(column, "labelIndices");
    Map<String, Integer> codes = new HashMap<>();
    int[] out = new int[entries.size()];
    for (int i = 0; i < out.length; i++) {
      String v = entries.get(i).values[c];
      Integer code = codes.get(v);
      if (code == null) {
        code = codes.size();
        codes.put(v, code);
      }
      out[i] = code;
    }
    return out;
  }

  /**
   * The entries satisfying a predicate, as a manifest with the same file and columns.
   *
   * @param keep the predicate
   * @return the filtered manifest (order kept)
   */
  public SegmentManifest filter(Predicate<Entry> keep) {
    Objects.requireNonNull(keep, "keep");
    List<Entry> kept = new ArrayList<>();
    for (Entry e : entries) {
      if (keep.test(e)) {
        kept.add(e);
      }
    }
    return new SegmentManifest(file, columns, columnIndex, kept);
  }

  private int column(String name, String method) {
    Objects.requireNonNull(name, "column");
    Integer c = columnIndex.get(name);
    if (c == null) {
      throw new IllegalArgumentException(OWNER + "." + method + ": column must be one of "
          + columns + ", got '" + name + "'");
    }
    return c;
  }

  /** @return the file and size */
  @Override
  public String toString() {
    return OWNER + "[" + file + ", " + entries.size() + " entries, columns " + columns + "]";
  }

  private static ManifestFormatException error(Path file, int line, String expected,
      String found) {
    return new ManifestFormatException(
        OWNER + ": " + file + ":" + line + ": expected " + expected + ", found " + found);
  }

  /** One row of a manifest: its id, resolved audio path and labels. Immutable. */
  public static final class Entry {
    private final String[] values;
    private final Path path;
    private final int line;
    private final Map<String, Integer> columnIndex;
    private final Path file;

    private Entry(String[] values, Path path, int line, Map<String, Integer> columnIndex,
        Path file) {
      this.values = values;
      this.path = path;
      this.line = line;
      this.columnIndex = columnIndex;
      this.file = file;
    }

    /** @return the {@code id} field */
    public String id() {
      return values[columnIndex.get(ID)];
    }

    /** @return the audio file: the {@code path} field resolved against the manifest directory */
    public Path path() {
      return path;
    }

    /** @return the 1-based line of the manifest this entry came from */
    public int line() {
      return line;
    }

    /**
     * @param column a column name
     * @return the field of that column, as written
     * @throws IllegalArgumentException if the column does not exist
     */
    public String get(String column) {
      Objects.requireNonNull(column, "column");
      Integer c = columnIndex.get(column);
      if (c == null) {
        throw new IllegalArgumentException(OWNER + ".Entry.get: column must be one of "
            + columnIndex.keySet() + ", got '" + column + "'");
      }
      return values[c];
    }

    /**
     * @param column a column holding numbers (for example {@code duration})
     * @return the field parsed as a double
     * @throws IllegalArgumentException if the column does not exist or the field is not a number
     */
    public double getDouble(String column) {
      String v = get(column);
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(OWNER + ".Entry.getDouble: " + file + ":" + line
            + ": column '" + column + "' must be a number, got '" + v + "'", e);
      }
    }

    /** @return all fields by column name, in header order (unmodifiable) */
    public Map<String, String> fields() {
      Map<String, String> m = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> c : columnIndex.entrySet()) {
        m.put(c.getKey(), values[c.getValue()]);
      }
      return Collections.unmodifiableMap(m);
    }

    /** @return the id and path */
    @Override
    public String toString() {
      return "Entry[" + id() + ", " + path + "]";
    }
  }
}
