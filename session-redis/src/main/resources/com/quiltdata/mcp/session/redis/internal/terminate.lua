-- ARGV[5] caller's subject digest ('' anonymous). A bound session ends by its subject only, an
-- anonymous one by an anonymous caller only. Returns 1 when a session ended.
local h = find()
if not h or h[1] ~= ARGV[5] then
  return 0
end
drop(d)
return 1
