import { isMap, isScalar, parseDocument, visit, YAMLParseError, type Document } from 'yaml';

/**
 * Parses YAML (a frontmatter, `.editorial.yaml`) with the YAML 1.2 core schema: `2026-12-01T09:30`
 * stays a string, and a key written twice in a map is an error. The `yaml` library's own check
 * (`uniqueKeys`) compares each key with every earlier one: 60,000 keys took 29 s. This one keeps a
 * set per map, so a hostile file costs linear time. The caller bounds the nesting first
 * (`yamlTooDeep`): the parser recurses once per level.
 */
export function parseYaml(text: string): Document.Parsed {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        // Scalar keys compare by value and type (`1` and `'1'` are two keys), as yaml's own check.
        const id = isScalar(key) ? (typeof key.value === 'string' ? `s:${key.value}` : key.value) : key;
        if (!seen.has(id)) {
          seen.add(id);
          continue;
        }
        const range = (key as { range?: [number, number, number] } | null)?.range ?? map.range ?? [0, 0, 0];
        doc.errors.push(new YAMLParseError([range[0], range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
      }
    },
  });
  return doc;
}
