// name: upstream_segments
// description: Segments that feed a segment, up to three FEEDS steps upstream | 某环节的上游环节（三步以内）
// param: segment (string) Segment id, e.g. ai.applications
// example: oceanbrain query --saved upstream_segments --param segment=ai.models
MATCH p = (u:Segment)-[:FEEDS*1..3]->(s:Segment {id: $segment})
WHERE u <> s
RETURN u.id AS segment, u.name_zh AS name_zh, u.stage AS stage, min(length(p)) AS steps
ORDER BY steps, segment
