-- 示忙原因 get names like the dispositions: centers.settings.notReadyReasons goes from a list of codes
-- to a list of {code, zh, en}, so a reason the center added shows by its name, not its code. The
-- built-in codes take the names the console printed for them; a code the center made up takes
-- itself as its name until the admin names it. The system reason 未接来电 (no_answer) joins the list
-- so the center can rename it; it stays out of the agent's menu and cannot be removed.
WITH catalogue(code, zh, en) AS (
  VALUES ('break', '小休', 'Break'),
         ('meal', '用餐', 'Meal'),
         ('training', '培训', 'Training'),
         ('meeting', '会议', 'Meeting'),
         ('coaching', '辅导', 'Coaching'),
         ('restroom', '如厕', 'Restroom'),
         ('no_answer', '未接来电', 'Missed call')
),
named AS (
  SELECT c.id,
         (SELECT jsonb_agg(jsonb_build_object('code', r.code, 'zh', coalesce(k.zh, r.code), 'en', coalesce(k.en, r.code)) ORDER BY r.n)
            FROM (SELECT value AS code, n FROM jsonb_array_elements_text(c.settings->'notReadyReasons') WITH ORDINALITY AS e(value, n)
                  UNION ALL
                  SELECT 'no_answer', 1000000 WHERE NOT (c.settings->'notReadyReasons') ? 'no_answer') r
            LEFT JOIN catalogue k ON k.code = r.code) AS reasons
  FROM centers c
  WHERE jsonb_typeof(c.settings->'notReadyReasons') = 'array'
    AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(c.settings->'notReadyReasons') e WHERE jsonb_typeof(e) <> 'string')
)
UPDATE centers SET settings = jsonb_set(centers.settings, '{notReadyReasons}', named.reasons)
FROM named WHERE named.id = centers.id;
