# Writes a C++ source holding every migration file as (version, name, sql).
# Called with -DOUT=... -DDIR=<db/migrations or db/migrations_pg> -DFUNC=<the function that returns them>
# (embedded_migrations for SQLite, embedded_pg_migrations for PostgreSQL: each engine numbers its own).
if(NOT FUNC)
  set(FUNC embedded_migrations)
endif()
get_filename_component(dir_name "${DIR}" NAME)
file(GLOB FILES "${DIR}/*.sql")
list(SORT FILES)
set(body "// generated from db/${dir_name} by db/embed_migrations.cmake; do not edit\n#include \"core/store/migrations.hpp\"\nnamespace rs::store {\nconst std::vector<Migration>& ${FUNC}() {\n  static const std::vector<Migration> all = {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name "${f}" NAME)
  string(REGEX MATCH "^[0-9]+" version "${name}")
  math(EXPR version "${version}")  # "008" would be an invalid octal literal in C++
  file(READ "${f}" sql)
  set(body "${body}    {${version}, \"${name}\", R\"rs_sql(${sql})rs_sql\"},\n")
endforeach()
set(body "${body}  };\n  return all;\n}\n}  // namespace rs::store\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
