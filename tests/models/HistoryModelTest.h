#pragma once

#include "core/db/Database.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class HistoryModel;

// What the history model's tests share: demo transactions in a fresh database of the backend
// under test, a session on it, and the same rows read by independent SQL.
class HistoryModelTest : public QObject
{
    Q_OBJECT

protected:
    // Fills a fresh database with demo transactions of `users` users and opens a session on it
    // (from initTestCase: a failure fails the test case).
    void openLedger(int users, qint64 transactions);
    void closeLedger();

    // The ids of the rows the model holds, in its order.
    static QStringList ids(const HistoryModel &model);
    QStringList idsBySql(const QString &where, const QString &order, const Bindings &bindings = {});
    QString busiestUser();
    // Runs a change of the ledger on the session's worker and waits until it is done.
    void change(const std::function<Result<LedgerChange>(Ledger &)> &operation);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
};
