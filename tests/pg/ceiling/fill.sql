-- The queue for the ceiling measurement (ceiling.sh): 200,000 pending orders over five cities,
-- one shared photo. Only what the two functions below touch.
INSERT INTO photos(sha256, bytes, byte_count, created_at) VALUES ('ceiling', '\x00', 1, 'now');
INSERT INTO orders(order_no, applicant_name, id_number, doc_type, city, city_letter, created_at)
  SELECT 'C' || g, '张三', '440', 'id_card', (ARRAY['广州市','深圳市','佛山市','东莞市','珠海市'])[1 + g % 5],
         (ARRAY['A','B','E','S','C'])[1 + g % 5], 'now' FROM generate_series(1, 200000) g;
INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms)
  SELECT id, 1, 1, 'now', id FROM orders;
VACUUM ANALYZE;
