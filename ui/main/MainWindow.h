#pragma once

#include "core/db/ConnectionSpec.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class AlertCenter;
class PeriodActions;
class AuditLogView;
class ChartsView;
class DatabaseOpener;
class HistoryView;
class LedgerActions;
class LedgerSession;
class LiveIndicator;
class LiveUpdates;
class MainWindowActions;
class PendingApprovalsView;
class QLabel;
class QSplitter;
class QTabWidget;
class QUndoStack;
class RoleIndicator;
class StandbyIndicator;
class StatementLauncher;
class UsersPane;

// The desktop application's window: users on the left; the history, the audit log and the charts
// of the selected user (or everyone) on the right; every ledger action in menus, toolbar and keys.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const QString &operatorName, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a ledger database; one without a ledger gets one only after asking (the window's own
    // embedded and demo files are made on first use). With demo set, fills an empty one with
    // demo data first. Failures are shown in words and leave the current database open. With
    // readStandby (xpadmin --read-db), the heavy reading goes there, for this opening only.
    void openDatabase(const ConnectionSpec &spec, bool demo = false,
                      const std::optional<ConnectionSpec> &readStandby = std::nullopt);
    LedgerSession *session() const { return m_session.get(); }
    UsersPane *usersPane() const;
    HistoryView *historyView() const;
    AuditLogView *auditLogView() const;
    ChartsView *chartsView() const;
    LedgerActions *actions() const;
    PendingApprovalsView *approvalsView() const;
    LiveUpdates *liveUpdates() const;
    // The alerts panel, bar and rules; the live feed hands new audit events to alerts()->addEvents().
    AlertCenter *alerts() const { return m_alerts; }
    // Ledger > Close Period… and Reopen Period….
    PeriodActions *periods() const { return m_periods; }
    QUndoStack *undoStack() const { return m_undoStack; }
    RoleIndicator *roleIndicator() const { return m_role; }
    // Opens a user's statement in a window of its own (Ledger > Statement…).
    StatementLauncher *statements() const { return m_statements; }
    // Brings one of the tabs (history, audit log, charts, approvals) to the front.
    void showView(QWidget *view);

    static QString demoDatabasePath();

public slots:
    // Selects the user in the users list and shows their history.
    void showUser(const QString &userId);
    // Shows the history with the transaction selected (switching to its user when another one
    // is shown); says so in the status bar when it is no longer in the ledger.
    void showTransaction(const QString &transactionId);
    // Shows the audit log at the event that wrote the transaction (or removed it); without such an
    // event (demo data), the events of its user.
    void showAuditForTransaction(const QString &transactionId);
    // The ledger changed, here or elsewhere (the window's change feed calls it): every view takes
    // the change in without moving what the person reads (LiveUpdates).
    void ledgerChanged();

signals:
    // Emitted when a database has been opened (ok) or could not be (not ok).
    void databaseOpened(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void installSession(std::unique_ptr<LedgerSession> session);
    void updateActions();
    void updateTitle();
    void saveSettings();
    void restoreSettings();
    void showStatus(const QString &message);

    std::unique_ptr<LedgerSession> m_session;
    QUndoStack *m_undoStack;
    QPointer<LedgerActions> m_actions;
    QSplitter *m_splitter;
    QTabWidget *m_tabs = nullptr;
    QPointer<UsersPane> m_users;
    QPointer<HistoryView> m_history;
    QPointer<AuditLogView> m_audit;
    QPointer<ChartsView> m_charts;
    QPointer<PendingApprovalsView> m_approvals;
    QPointer<LiveUpdates> m_live;
    QLabel *m_databaseLabel;
    QLabel *m_actorLabel;
    QLabel *m_busyLabel;
    RoleIndicator *m_role; // who is connected; disables what the role may not do
    StandbyIndicator *m_standby; // how far behind the reading standby is
    LiveIndicator *m_liveIndicator; // how changes made elsewhere are heard of
    DatabaseOpener *m_opener;
    QPointer<MainWindowActions> m_windowActions;
    StatementLauncher *m_statements = nullptr;
    AlertCenter *m_alerts = nullptr;
    PeriodActions *m_periods = nullptr;
};
