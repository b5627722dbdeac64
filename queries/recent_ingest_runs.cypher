// name: recent_ingest_runs
// description: The latest ingest runs with status and times | 最近的数据导入批次
// param: limit (integer, default 10) Most rows
// example: oceanbrain query --saved recent_ingest_runs --param limit=5
MATCH (r:IngestRun)
RETURN r.id AS run, r.status AS status, r.started_at AS started_at, r.finished_at AS finished_at
ORDER BY started_at DESC
LIMIT $limit
