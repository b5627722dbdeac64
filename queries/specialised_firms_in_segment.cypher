// name: specialised_firms_in_segment
// description: 高新技术 or 专精特新 firms in a segment, local and elsewhere | 某环节的高新技术和专精特新企业
// param: segment (string) Segment id, e.g. ai.sensors
// example: oceanbrain query --saved specialised_firms_in_segment --param segment=ai.sensors
MATCH (f:Firm)-[l:IN_SEGMENT]->(s:Segment {id: $segment})
WHERE coalesce(l.expired, false) = false AND (f.high_tech = true OR f.specialised = true)
RETURN f.id AS firm_id, f.name AS firm, f.city AS city, coalesce(f.high_tech, false) AS high_tech,
       coalesce(f.specialised, false) AS specialised
ORDER BY city, firm
