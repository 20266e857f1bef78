#include "tests/benchmarks/RawEngine.h"

#include "core/db/ConnectionSpec.h"
#include "tests/benchmarks/RawPostgres.h"
#include "tests/benchmarks/RawSqlite.h"

Result<std::unique_ptr<RawEngine>> RawEngine::open(const ConnectionSpec &spec)
{
    if (spec.backend == ConnectionSpec::Backend::Postgres) {
        auto raw = RawPostgres::open(spec);
        if (!raw)
            return raw.error();
        return std::unique_ptr<RawEngine>(std::move(*raw));
    }
    auto raw = RawSqlite::open(spec.path);
    if (!raw)
        return raw.error();
    return std::unique_ptr<RawEngine>(std::move(*raw));
}
