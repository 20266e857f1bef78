#include "app/cli/CliContext.h"

#include "app/cli/CliOutput.h"
#include "app/cli/CliPassword.h"
#include "core/db/Database.h"
#include "core/db/Schema.h"

#include <QFileInfo>

CliContext::CliContext(CliOutput &out, QString databaseText, QString operatorName)
    : m_out(out), m_databaseText(std::move(databaseText)), m_operator(std::move(operatorName))
{ }

CliContext::~CliContext() = default;

bool CliContext::json() const
{
    return m_out.json();
}

Result<ConnectionSpec> CliContext::spec() const
{
    return ConnectionSpec::parse(m_databaseText);
}

Result<Database *> CliContext::open(Access access)
{
    if (!m_db) {
        auto spec = this->spec();
        if (!spec)
            return spec.error();
        // Opening an SQLite file creates it: a command that only reads must not leave one behind.
        if ((access == Access::Read || access == Access::Inspect) && spec->backend == ConnectionSpec::Backend::Sqlite
            && !QFileInfo::exists(spec->path))
            return Error::database(
                tr("The database file %1 does not exist: run `xpadmin-cli --db %1 init` to create it, or name "
                   "another with --db")
                    .arg(spec->path));
        auto db = CliPassword::open(*spec, m_operator, m_out);
        if (!db)
            return db.error();
        m_db = std::move(*db);
        if (m_setup)
            m_setup(*m_db);
    }
    if (m_permissionCheck) {
        if (const Status allowed = m_permissionCheck(*m_db); !allowed)
            return allowed.error();
        m_permissionCheck = nullptr;
    }
    switch (access) {
    case Access::Write: {
        auto before = Schema::inspect(*m_db);
        if (!before)
            return before.error();
        auto after = Schema::ensure(*m_db);
        if (!after)
            return after.error();
        if (!before->ledgerExists)
            m_out.note(tr("Created a new XP ledger in %1").arg(m_db->spec().displayName()));
        break;
    }
    case Access::Read:
        if (const Status status = Schema::requireReady(*m_db); !status)
            return status.error();
        break;
    case Access::Create:
    case Access::Inspect:
        break;
    }
    return m_db.get();
}
