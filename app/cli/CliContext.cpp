#include "app/cli/CliContext.h"

#include "app/cli/CliOutput.h"
#include "app/cli/CliPassword.h"
#include "app/cli/CliStandby.h"
#include "core/db/Database.h"
#include "core/db/Schema.h"

#include <QDir>
#include <QFileInfo>

CliContext::CliContext(CliOutput &out, QString databaseText, QString operatorName)
    : m_out(out),
      m_databaseText(std::move(databaseText)),
      m_operator(std::move(operatorName)),
      m_standby(std::make_unique<CliStandby>(out, QString(), m_operator))
{ }

void CliContext::setReadDatabase(const QString &text)
{
    m_standby = std::make_unique<CliStandby>(m_out, text.trimmed(), m_operator);
}

void CliContext::finish()
{
    if (m_wrote && m_db)
        m_standby->settleAfterWrite(*m_db);
}

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
        // Only Create may make a file: a mistyped path stays a mistake, not a new ledger.
        if (access != Access::Create && spec->backend == ConnectionSpec::Backend::Sqlite
            && !QFileInfo::exists(spec->path))
            return Error::input(Schema::noLedgerMessage(*spec));
        const auto mode = access == Access::Create ? Database::OpenMode::Create
            : access == Access::Write              ? Database::OpenMode::ReadWrite
                                                   : Database::OpenMode::ReadOnly;
        auto db = CliPassword::open(*spec, m_operator, m_out, mode);
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
    case Access::Write:
        if (const Status status = Schema::requireReady(*m_db); !status)
            return status.error();
        if (const Status writable = m_db->requireWritable(); !writable)
            return writable.error();
        // A ledger an older XP Admin set up was asked for by name: its own tables move forward.
        if (auto after = Schema::ensure(*m_db); !after)
            return after.error();
        m_wrote = true;
        break;
    case Access::Create: {
        if (const Status writable = m_db->requireWritable(); !writable)
            return writable.error();
        auto state = Schema::inspect(*m_db);
        if (!state)
            return state.error();
        if (state->isForeign() && !m_intoExisting)
            return Error::input(
                tr("%1 holds another application's tables (%2) and no XP ledger; nothing was changed. To add the "
                   "ledger beside them, run `xpadmin-cli init --into-existing`")
                    .arg(m_db->spec().backend == ConnectionSpec::Backend::Sqlite
                             ? QDir::toNativeSeparators(m_db->spec().path)
                             : m_db->spec().displayName(),
                         Schema::describeTables(state->otherTables)));
        m_wrote = true;
        break;
    }
    case Access::Read:
        if (const Status status = Schema::requireReady(*m_db); !status)
            return status.error();
        break;
    case Access::ReadStandby: {
        if (const Status status = Schema::requireReady(*m_db); !status)
            return status.error();
        if (!m_standby->isSet())
            break;
        auto standby = m_standby->open(*m_db);
        if (!standby)
            return standby.error();
        if (*standby) {
            if (m_setup)
                m_setup(**standby);
            return *standby;
        }
        break;
    }
    case Access::Inspect:
        break;
    }
    return m_db.get();
}
