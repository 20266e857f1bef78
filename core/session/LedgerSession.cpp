#include "core/session/LedgerSession.h"

#include "core/db/Schema.h"
#include "core/db/Standby.h"

namespace {

struct OpenInfo
{
    QString actor;
    QString serverVersion;
    bool needsLedger = false;
    bool hasLedgerTables = false;
    QStringList otherTables;
    bool readOnly = false;
    QString readOnlyReason;
    Standby::Identity identity; // with a reading standby: what it must replay
};

} // namespace

LedgerSession::LedgerSession(const ConnectionSpec &spec, const QString &operatorName, Database::OpenMode mode,
                             QObject *parent)
    : QObject(parent),
      m_spec(spec),
      m_operator(operatorName.isEmpty() ? Database::loginName() : operatorName),
      m_interactive(std::make_unique<DatabaseWorker>(spec, m_operator, mode)),
      // Opens once the interactive one has: the file is there by then.
      m_background(std::make_unique<DatabaseWorker>(
          spec, m_operator, mode == Database::OpenMode::Create ? Database::OpenMode::ReadWrite : mode))
{ }

LedgerSession::~LedgerSession() = default;

void LedgerSession::setReadStandby(const ConnectionSpec &standby)
{
    m_standby = std::make_unique<StandbyMonitor>(standby, m_operator);
    m_interactive->setStandby(m_standby->route());
    m_background->setStandby(m_standby->route());
}

void LedgerSession::open(QObject *context, std::function<void(const Status &)> done)
{
    m_interactive->post<OpenInfo>(
        this,
        [withStandby = m_standby != nullptr](Database &db) -> Result<OpenInfo> {
            if (withStandby && !db.dialect().isPostgres())
                return Standby::needsPostgres();
            auto state = Schema::inspect(db);
            if (!state)
                return state.error();
            OpenInfo info;
            info.actor = db.actor();
            info.serverVersion = db.serverVersion();
            info.readOnly = db.isReadOnly();
            info.readOnlyReason = db.readOnlyReason();
            info.hasLedgerTables = state->ledgerExists;
            info.otherTables = state->otherTables;
            if (!state->ledgerExists || state->version == 0) {
                info.needsLedger = true;
                return info;
            }
            // An older ledger's own tables move forward when it can be written; a read-only one
            // is read as it is, when this XP Admin knows its version.
            if (info.readOnly) {
                if (const Status ready = Schema::requireReady(db); !ready)
                    return ready.error();
            } else if (auto migrated = Schema::ensure(db); !migrated) {
                return migrated.error();
            }
            if (withStandby) {
                auto identity = Standby::identity(db);
                if (!identity)
                    return identity.error();
                info.identity = *identity;
            }
            return info;
        },
        [this, guard = QPointer<QObject>(context), done = std::move(done)](const Result<OpenInfo> &info) {
            if (info) {
                m_actor = info->actor;
                m_serverVersion = info->serverVersion;
                m_needsLedger = info->needsLedger;
                m_hasLedgerTables = info->hasLedgerTables;
                m_otherTables = info->otherTables;
                m_readOnly = info->readOnly;
                m_readOnlyReason = info->readOnlyReason;
            }
            if (info && m_standby && !m_needsLedger) {
                m_standby->start(info->identity, this, [guard, done](const Status &checked) {
                    if (guard)
                        done(checked);
                });
                return;
            }
            if (guard)
                done(info ? Status() : Status(info.error()));
        });
}

void LedgerSession::createLedger(QObject *context, std::function<void(const Status &)> done)
{
    m_interactive->post<bool>(
        this,
        [](Database &db) -> Result<bool> {
            auto state = Schema::ensure(db);
            if (!state)
                return state.error();
            return true;
        },
        [this, guard = QPointer<QObject>(context), done = std::move(done)](const Result<bool> &created) {
            if (created)
                m_needsLedger = false;
            if (guard)
                done(created ? Status() : Status(created.error()));
        });
}

void LedgerSession::mutate(QObject *context, std::function<Result<LedgerChange>(Ledger &)> change,
                           std::function<void(const Result<LedgerChange> &)> done)
{
    m_changeCancel = CancelToken();
    // Told on the worker thread, shown on this one.
    auto waiting = [self = QPointer<LedgerSession>(this)](const QString &text) {
        if (self)
            QMetaObject::invokeMethod(
                self, [self, text] { emit self->waitChanged(text); }, Qt::QueuedConnection);
    };
    m_interactive->post<LedgerChange>(
        this,
        [change = std::move(change)](Database &db) {
            Ledger ledger(db);
            return change(ledger);
        },
        m_changeCancel, std::move(waiting),
        [this, guard = QPointer<QObject>(context), done = std::move(done)](const Result<LedgerChange> &result) {
            emit waitChanged({});
            if (guard)
                done(result);
            if (result)
                emit ledgerChanged(result->totals.keys());
        });
}

void LedgerSession::announceChange(const QStringList &userIds)
{
    emit ledgerChanged(userIds);
}

void LedgerSession::setWaitLimit(int milliseconds)
{
    m_waitLimitMs = milliseconds;
    m_interactive->setWaitLimit(milliseconds);
    m_background->setWaitLimit(milliseconds);
}

void LedgerSession::cancelChange()
{
    m_changeCancel.cancel();
}
