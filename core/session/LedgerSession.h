#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"
#include "core/ledger/Ledger.h"
#include "core/session/DatabaseWorker.h"
#include "core/session/StandbyMonitor.h"

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
    // mode Create: a new ledger file may be made (New Ledger, the window's own databases).
    LedgerSession(const ConnectionSpec &spec, const QString &operatorName,
                  Database::OpenMode mode = Database::OpenMode::ReadWrite, QObject *parent = nullptr);
    ~LedgerSession() override;

    const ConnectionSpec &spec() const { return m_spec; }
    QString operatorName() const { return m_operator; }
    // Known once opened (see open()): the database login or OS user, and the server version.
    QString actor() const { return m_actor; }
    QString serverVersion() const { return m_serverVersion; }

    // A hot standby of the same database for the heavy reading, set before open(): the jobs
    // posted with postRead() read there while it is reachable and has replayed this session's
    // own changes; open() refuses a server that is no standby of this ledger.
    void setReadStandby(const ConnectionSpec &standby);
    // Watches that standby (its lag, whether it is reached); null without one.
    StandbyMonitor *standby() const { return m_standby.get(); }

    DatabaseWorker *interactive() const { return m_interactive.get(); }
    DatabaseWorker *background() const { return m_background.get(); }

    // Connects, migrates an older ledger's own tables forward, and reads who is acting. Creates
    // nothing: a database without a ledger opens with needsLedger() set, for createLedger().
    void open(QObject *context, std::function<void(const Status &)> done);
    // Known once opened: the database holds no ledger (or not XP Admin's tables beside the web
    // app's), and the tables of other applications it holds.
    bool needsLedger() const { return m_needsLedger; }
    bool hasLedgerTables() const { return m_hasLedgerTables; }
    QStringList otherTables() const { return m_otherTables; }
    // Known once opened: changes are refused here (a read-only file, folder, mount or server).
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    // Creates the ledger (Schema::ensure), once the person has asked for it.
    void createLedger(QObject *context, std::function<void(const Status &)> done);

    // Runs a ledger change on the interactive worker; on success announces it. While it waits
    // for a lock, waitChanged tells for what; cancelChange() stops it with nothing changed.
    void mutate(QObject *context, std::function<Result<LedgerChange>(Ledger &)> change,
                std::function<void(const Result<LedgerChange> &)> done);

    // Announces a change made some other way (bulk work on the background worker).
    void announceChange(const QStringList &userIds = {});

    // How long every operation waits for locks others hold before it gives up with nothing
    // changed (the window's setting; LockWaits::DefaultLimitMs unless set).
    void setWaitLimit(int milliseconds);
    int waitLimit() const { return m_waitLimitMs; }
    // Cancels the change mutate() runs: a wait for a lock ends, and nothing is committed.
    void cancelChange();

signals:
    // The ledger changed; userIds are the users affected (empty: anyone may be).
    void ledgerChanged(const QStringList &userIds);
    // What the running change waits for ("waiting for a lock on ..."); empty once it does not.
    void waitChanged(const QString &text);

private:
    ConnectionSpec m_spec;
    QString m_operator;
    QString m_actor;
    QString m_serverVersion;
    bool m_needsLedger = false;
    bool m_hasLedgerTables = false;
    QStringList m_otherTables;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    std::unique_ptr<DatabaseWorker> m_interactive;
    std::unique_ptr<DatabaseWorker> m_background;
    std::unique_ptr<StandbyMonitor> m_standby;
    int m_waitLimitMs = LockWaits::DefaultLimitMs;
    CancelToken m_changeCancel; // of the change mutate() runs last
};
