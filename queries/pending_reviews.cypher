// name: pending_reviews
// description: Review items (审核) still pending, per kind | 待审核事项数（按类型）
// example: oceanbrain query --saved pending_reviews
MATCH (j:Judgement {decision: 'pending'})
RETURN j.kind AS kind, count(j) AS pending
ORDER BY kind
