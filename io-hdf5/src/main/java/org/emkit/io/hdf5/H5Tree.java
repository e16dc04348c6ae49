package org.emkit.io.hdf5;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An in-memory HDF5 tree to be written by {@link H5Writer}: groups, datasets, attributes. */
final class H5Tree {

  private H5Tree() {}

  /** A dataset: a value plus attributes. */
  static final class Dataset {
    final H5Value value;
    final Map<String, H5Value> attributes = new LinkedHashMap<>();

    Dataset(H5Value value) {
      this.value = Objects.requireNonNull(value, "value");
    }
  }

  /** A group: named children (groups or datasets) in insertion order, plus attributes. */
  static final class Group {
    final Map<String, Object> children = new LinkedHashMap<>();
    final Map<String, H5Value> attributes = new LinkedHashMap<>();

    /**
     * @param name child name (no '/')
     * @return the new child group
     */
    Group group(String name) {
      checkName(name);
      Group g = new Group();
      children.put(name, g);
      return g;
    }

    /**
     * Adds a dataset, creating intermediate groups of a relative path {@code "a/b/name"}.
     *
     * @param path relative path
     * @param value the data
     * @return the dataset
     */
    Dataset dataset(String path, H5Value value) {
      int slash = path.indexOf('/');
      if (slash >= 0) {
        String head = path.substring(0, slash);
        Object child = children.get(head);
        Group g = child instanceof Group ? (Group) child : group(head);
        return g.dataset(path.substring(slash + 1), value);
      }
      checkName(path);
      Dataset d = new Dataset(value);
      children.put(path, d);
      return d;
    }

    Group attribute(String name, H5Value value) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("H5Tree: invalid attribute name '" + name + "'");
      }
      attributes.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    private void checkName(String name) {
      if (name == null || name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".")) {
        throw new IllegalArgumentException("H5Tree: invalid object name '" + name + "'");
      }
      if (children.containsKey(name)) {
        throw new IllegalArgumentException("H5Tree: object '" + name + "' already exists");
      }
    }
  }
}
