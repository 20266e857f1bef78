#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"
#include "core/session/DatabaseWorker.h"

#include <QObject>

#include <functional>
#include <memory>

// One open ledger database, as the desktop application sees it: a worker thread for quick,
// interactive work (pages, totals, single changes) and one for long work (verify, demo data,
// exports), each with its own connection. Every change made through mutate() is announced with
// ledgerChanged, so every view refreshes what it shows.
class LedgerSession final : public QObject
{
    Q_OBJECT

public:
    LedgerSession(const ConnectionSpec &spec, const QString &operatorName, QObject *parent = nullptr);
    ~LedgerSession() override;

    const ConnectionSpec &spec() const { return m_spec; }
    QString operatorName() const { return m_operator; }
    // Known once opened (see open()): the database login or OS user, and the server version.
    QString actor() const { return m_actor; }
    QString serverVersion() const { return m_serverVersion; }

    DatabaseWorker *interactive() const { return m_interactive.get(); }
    DatabaseWorker *background() const { return m_background.get(); }

    // Connects, creates or migrates the schema, and reads who is acting.
    void open(QObject *context, std::function<void(const Status &)> done);

    // Runs a ledger change on the interactive worker; on success announces it.
    void mutate(QObject *context, std::function<Result<LedgerChange>(Ledger &)> change,
                std::function<void(const Result<LedgerChange> &)> done);

    // Announces a change made some other way (bulk work on the background worker).
    void announceChange(const QStringList &userIds = {});

signals:
    // The ledger changed; userIds are the users affected (empty: anyone may be).
    void ledgerChanged(const QStringList &userIds);

private:
    ConnectionSpec m_spec;
    QString m_operator;
    QString m_actor;
    QString m_serverVersion;
    std::unique_ptr<DatabaseWorker> m_interactive;
    std::unique_ptr<DatabaseWorker> m_background;
};
