#include "app/cli/CliStandby.h"

#include "app/cli/CliOutput.h"
#include "app/cli/CliPassword.h"
#include "core/db/Database.h"
#include "core/domain/Timestamp.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

// How long a write waits for the standby to replay it before the command ends.
constexpr int SettleMs = 2000;

} // namespace

CliStandby::CliStandby(CliOutput &out, QString text, QString operatorName)
    : m_out(out), m_text(std::move(text)), m_operator(std::move(operatorName))
{ }

CliStandby::~CliStandby() = default;

Result<Database *> CliStandby::open(Database &primary)
{
    if (!m_db && !m_unreachable) {
        auto spec = ConnectionSpec::parse(m_text);
        if (!spec)
            return Error::input(tr("--read-db: %1").arg(spec.error().message));
        if (spec->backend != ConnectionSpec::Backend::Postgres || !primary.dialect().isPostgres())
            return Standby::needsPostgres();
        auto db = CliPassword::open(*spec, m_operator, m_out, Database::OpenMode::ReadOnly);
        if (!db) {
            if (db.error().kind != Error::Kind::Database)
                return db.error();
            // A standby that is down does not stop the reading: the primary has every figure.
            m_unreachable = true;
            m_out.note(tr("The standby %1 cannot be reached, so this reads from the primary: %2")
                           .arg(spec->displayName(), CliOutput::oneLine(db.error().message)));
            return nullptr;
        }
        if (const Status checked = Standby::check(primary, **db); !checked)
            return checked.error();
        m_db = std::move(*db);
    }
    if (!m_db)
        return nullptr;
    auto replay = Standby::replay(*m_db);
    if (!replay)
        return replay.error();
    m_replay = *replay;
    return m_db.get();
}

void CliStandby::printAsOf()
{
    if (!m_replay || m_replay->lagMs <= 0 || m_out.json())
        return;
    m_out.print(tr("As of %1 UTC: read on the standby, which is %2 s behind the primary.")
                    .arg(m_replay->asOf.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                    .arg((m_replay->lagMs + 999) / 1000));
}

QJsonObject CliStandby::source() const
{
    QJsonObject object{{QStringLiteral("readOn"), m_replay ? QStringLiteral("standby") : QStringLiteral("primary")}};
    object.insert(QStringLiteral("asOf"), m_replay ? QJsonValue(Timestamp::toIso(m_replay->asOf)) : QJsonValue());
    object.insert(QStringLiteral("lagMs"), m_replay ? m_replay->lagMs : 0);
    return object;
}

QString CliStandby::jsonPrefix() const
{
    if (!isSet())
        return {};
    QString text = QString::fromUtf8(QJsonDocument(source()).toJson(QJsonDocument::Compact));
    text.chop(1);
    return text + QStringLiteral(",\"result\":");
}

QJsonValue CliStandby::wrap(const QJsonValue &result) const
{
    if (!isSet())
        return result;
    QJsonObject object = source();
    object.insert(QStringLiteral("result"), result);
    return object;
}

void CliStandby::settleAfterWrite(Database &primary)
{
    if (!isSet() || !primary.dialect().isPostgres())
        return;
    auto position = Standby::writePosition(primary);
    if (!position)
        return;
    if (!m_db && !m_unreachable) {
        if (auto opened = open(primary); !opened) {
            m_out.note(CliOutput::oneLine(opened.error().message));
            return;
        }
    }
    if (!m_db)
        return;
    auto replayed = Standby::waitForReplay(*m_db, *position, SettleMs);
    if (replayed && !*replayed)
        m_out.note(tr("The standby has not replayed this change yet; reading through --read-db shows it once it "
                      "has."));
}
