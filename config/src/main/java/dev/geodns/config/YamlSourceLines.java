package dev.geodns.config;

import dev.geodns.config.model.SourceLines;
import dev.geodns.config.yaml.Dialect;
import dev.geodns.config.yaml.Problems;
import dev.geodns.config.yaml.YamlNode;
import dev.geodns.config.yaml.YamlReader;

/**
 * The source lines of a loaded world file. Keeps only the text: the tree is parsed again the first
 * time a line is asked for, which happens only when an error is reported, so a world of many
 * tenants holds no per-key positions while it is served.
 */
final class YamlSourceLines implements SourceLines {
    private final String file;
    private final String text;
    private volatile YamlNode tree;

    YamlSourceLines(String file, String text) {
        this.file = file;
        this.text = text;
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public int lineOf(String keyPath) {
        YamlNode node = tree;
        if (node == null) {
            node = YamlReader.read(text, new Problems(file, Dialect.WORLD));
            if (node == null) {
                return 0;
            }
            tree = node;
        }
        int line = node.line();
        int at = 0;
        while (at < keyPath.length() && node != null) {
            int end = at;
            while (end < keyPath.length() && keyPath.charAt(end) != '.' && keyPath.charAt(end) != '[') {
                end++;
            }
            if (end > at) {
                YamlNode.Entry e = node instanceof YamlNode.MapNode m ? m.entries().get(keyPath.substring(at, end)) : null;
                node = e == null ? null : e.value();
            } else if (keyPath.charAt(at) == '[') {
                end = keyPath.indexOf(']', at);
                int index = Integer.parseInt(keyPath.substring(at + 1, end));
                node = node instanceof YamlNode.ListNode l && index < l.items().size() ? l.items().get(index) : null;
                end++;
            } else {
                end = at + 1;
            }
            if (node != null) {
                line = node.line();
            }
            at = end < keyPath.length() && keyPath.charAt(end) == '.' ? end + 1 : end;
        }
        return line;
    }
}
