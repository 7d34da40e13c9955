// A Map used as a small least-recently-used cache: the entry set last is the newest, and past `capacity` the oldest
// goes. The server's per-call and per-statement caches share it.

/** Set `key` as the most recently used entry, dropping the least recently used beyond `capacity`. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): V {
	map.delete(key);
	map.set(key, value);
	if (map.size > capacity) map.delete(map.keys().next().value!);
	return value;
}
