#include "core/session/LedgerSession.h"

#include "core/db/Schema.h"

namespace {

struct OpenInfo
{
    QString actor;
    QString serverVersion;
};

} // namespace

LedgerSession::LedgerSession(const ConnectionSpec &spec, const QString &operatorName, QObject *parent)
    : QObject(parent),
      m_spec(spec),
      m_operator(operatorName.isEmpty() ? Database::loginName() : operatorName),
      m_interactive(std::make_unique<DatabaseWorker>(spec, m_operator)),
      m_background(std::make_unique<DatabaseWorker>(spec, m_operator))
{ }

LedgerSession::~LedgerSession() = default;

void LedgerSession::open(QObject *context, std::function<void(const Status &)> done)
{
    m_interactive->post<OpenInfo>(
        this,
        [](Database &db) -> Result<OpenInfo> {
            auto state = Schema::ensure(db);
            if (!state)
                return state.error();
            return OpenInfo{db.actor(), db.serverVersion()};
        },
        [this, guard = QPointer<QObject>(context), done = std::move(done)](const Result<OpenInfo> &info) {
            if (info) {
                m_actor = info->actor;
                m_serverVersion = info->serverVersion;
            }
            if (guard)
                done(info ? Status() : Status(info.error()));
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
