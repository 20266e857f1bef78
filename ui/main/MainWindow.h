#pragma once

#include "core/charts/ChartData.h"
#include "core/db/ConnectionSpec.h"

#include <QMainWindow>
#include <QPointer>

#include <array>

#include <memory>

class AuditLogView;
class ChartsView;
class HistoryView;
class LedgerActions;
class LedgerSession;
class PendingApprovalsView;
class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QUndoStack;
class RoleIndicator;
class UsersPane;

// The desktop application's window: users on the left; the history, the audit log and the charts
// of the selected user (or everyone) on the right; every ledger action in menus, toolbar and keys.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const QString &operatorName, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a ledger database (creating it if new). With demo set, fills an empty one with
    // demo data first. Failures are shown in words and leave the current database open.
    void openDatabase(const ConnectionSpec &spec, bool demo = false);
    LedgerSession *session() const { return m_session.get(); }
    UsersPane *usersPane() const;
    HistoryView *historyView() const;
    AuditLogView *auditLogView() const;
    ChartsView *chartsView() const;
    LedgerActions *actions() const;

    static QString demoDatabasePath();

signals:
    // Emitted when a database has been opened (ok) or could not be (not ok).
    void databaseOpened(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void installSession(std::unique_ptr<LedgerSession> session);
    void fillDemoData();
    void updateActions();
    void updateTitle();
    void updateRecentMenu();
    void saveSettings();
    void restoreSettings();
    void newDatabase();
    void openDatabaseFile();
    void connectToPostgres(const ConnectionSpec &prefill = {});
    void openRecent(const QString &location);
    void showAbout();
    void importFile();

    QString m_operator;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<LedgerSession> m_opening; // being opened, not yet shown
    QUndoStack *m_undoStack;
    QPointer<LedgerActions> m_actions;
    QSplitter *m_splitter;
    QTabWidget *m_tabs = nullptr;
    QPointer<UsersPane> m_users;
    QPointer<HistoryView> m_history;
    QPointer<AuditLogView> m_audit;
    QPointer<ChartsView> m_charts;
    QPointer<PendingApprovalsView> m_approvals;
    QLabel *m_databaseLabel;
    QLabel *m_actorLabel;
    QLabel *m_busyLabel;
    RoleIndicator *m_role; // who is connected; disables what the role may not do
    QMenu *m_recentMenu = nullptr;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportHistoryAction = nullptr;
    QAction *m_exportAuditAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_adjustAction = nullptr;
    QAction *m_rollbackAction = nullptr;
    QAction *m_deleteSourceAction = nullptr;
    QAction *m_restoreAction = nullptr;
    QAction *m_verifyAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_showHistoryAction = nullptr;
    QAction *m_showAuditAction = nullptr;
    QAction *m_showChartsAction = nullptr;
    std::array<QAction *, 4> m_exportChartActions{}; // by ChartKind
    QAction *m_aboutAction = nullptr;
};
