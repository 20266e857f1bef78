#include "RawEngine.h"

#include "RawPostgres.h"
#include "RawSqlite.h"
#include "db/ConnectionSpec.h"

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
