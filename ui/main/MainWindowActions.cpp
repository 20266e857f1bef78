#include "ui/main/MainWindowActions.h"

#include "core/charts/ChartData.h"
#include "core/import/ImportReport.h"
#include "core/session/LedgerSession.h"
#include "models/LedgerMoment.h"
#include "ui/actions/LedgerActions.h"
#include "ui/alerts/AlertCenter.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/ThemeIcon.h"
#include "ui/help/AboutDialog.h"
#include "ui/help/HelpWindow.h"
#include "ui/help/ShortcutsDialog.h"
#include "ui/history/HistoryView.h"
#include "ui/import/ImportWizard.h"
#include "ui/main/DatabaseOpener.h"
#include "ui/main/MainWindow.h"
#include "ui/main/RoleIndicator.h"
#include "ui/periods/PeriodActions.h"
#include "ui/users/UsersPane.h"

#include <QAction>
#include <QApplication>
#include <QStatusBar>
#include <QUndoStack>

MainWindowActions::MainWindowActions(MainWindow *window, DatabaseOpener *opener) : QObject(window), m_window(window)
{
    const auto make = [window](const QString &text, const QKeySequence &shortcut, const QString &tip) {
        auto *action = new QAction(text, window);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setToolTip(shortcut.isEmpty() ? tip
                                              : tip + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText)
                                   + QLatin1Char(')'));
        action->setStatusTip(tip);
        return action;
    };
    m_actions[NewDatabase] = make(MainWindow::tr("&New Database…"), QKeySequence::New,
                                  MainWindow::tr("Create a new, empty ledger database file"));
    m_actions[OpenDatabase]
        = make(MainWindow::tr("&Open Database…"), QKeySequence::Open, MainWindow::tr("Open a ledger database file"));
    m_actions[ConnectToPostgres]
        = make(MainWindow::tr("&Connect to PostgreSQL…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
               MainWindow::tr("Open the ledger on a PostgreSQL server"));
    m_actions[Import]
        = make(MainWindow::tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I),
               MainWindow::tr("Import legacy totals or bulk adjustments from a CSV file, after a dry run"));
    m_actions[ExportHistory] = make(MainWindow::tr("Export &History as CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                    MainWindow::tr("Write every transaction of the current filter to a CSV file"));
    m_actions[ExportAudit]
        = make(MainWindow::tr("Export &Audit Log as CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
               MainWindow::tr("Write every audit event of the current filter to a CSV file"));
    m_actions[Quit] = make(MainWindow::tr("&Quit"), QKeySequence::Quit, MainWindow::tr("Close XP Admin"));
    m_actions[Undo] = make(MainWindow::tr("&Undo"), QKeySequence::Undo,
                           MainWindow::tr("Undo your last change, as a new audited operation"));
    m_actions[Redo] = make(MainWindow::tr("&Redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                           MainWindow::tr("Redo the change you undid, as a new audited operation"));
    m_actions[Copy]
        = make(MainWindow::tr("&Copy"), QKeySequence::Copy, MainWindow::tr("Copy the selected transactions"));
    m_actions[Adjust] = make(MainWindow::tr("&Adjust XP…"), QKeySequence(Qt::CTRL | Qt::Key_J),
                             MainWindow::tr("Add or deduct XP for the selected user, with a reason"));
    m_actions[Rollback]
        = make(MainWindow::tr("&Roll Back Selected…"), QKeySequence::Delete,
               MainWindow::tr("Delete the selected transactions; the audit log keeps them for restore"));
    m_actions[DeleteSource] = make(MainWindow::tr("&Delete Source…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                                   MainWindow::tr("Delete every transaction of one source, across users"));
    m_actions[Restore] = make(MainWindow::tr("Re&store…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                              MainWindow::tr("Bring rolled-back transactions back from the audit log"));
    m_actions[Verify] = make(MainWindow::tr("&Verify Ledger"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                             MainWindow::tr("Check the audit chain and every cached total"));
    m_actions[Refresh]
        = make(MainWindow::tr("&Refresh"), QKeySequence::Refresh, MainWindow::tr("Read everything shown again"));
    m_actions[ShowHistory]
        = make(MainWindow::tr("&History"), QKeySequence(Qt::CTRL | Qt::Key_1), MainWindow::tr("Show the transactions"));
    m_actions[ShowAudit]
        = make(MainWindow::tr("&Audit Log"), QKeySequence(Qt::CTRL | Qt::Key_2), MainWindow::tr("Show the audit log"));
    m_actions[ShowCharts]
        = make(MainWindow::tr("&Charts"), QKeySequence(Qt::CTRL | Qt::Key_3),
               MainWindow::tr("Show charts of XP by category, over time, by source type and the top users"));
    for (const ChartKind kind :
         {ChartKind::CategoryShare, ChartKind::OverTime, ChartKind::SourceType, ChartKind::TopUsers}) {
        QAction *action = make(MainWindow::tr("%1…").arg(ChartKinds::title(kind)), {},
                               MainWindow::tr("Write the chart \"%1\" of the charts view's range as PNG, SVG or PDF")
                                   .arg(ChartKinds::title(kind)));
        connect(action, &QAction::triggered, this, [this, kind] {
            if (ChartsView *charts = m_window->chartsView())
                charts->exportChart(kind);
        });
        m_exportChart[static_cast<int>(kind)] = action;
    }
    m_actions[Manual] = make(MainWindow::tr("XP Admin &Manual"), QKeySequence::HelpContents,
                             MainWindow::tr("Open the user manual at the page of what you are looking at"));
    m_actions[KeyboardShortcuts] = make(MainWindow::tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash),
                                        MainWindow::tr("List every keyboard shortcut of the window, with a filter"));
    m_actions[About]
        = make(MainWindow::tr("&About XP Admin"), {}, MainWindow::tr("Version, licence, database and links"));
    setIcons();
    connectActions(opener);
}

void MainWindowActions::connectActions(DatabaseOpener *opener)
{
    connect(m_actions[NewDatabase], &QAction::triggered, opener, &DatabaseOpener::newDatabase);
    connect(m_actions[OpenDatabase], &QAction::triggered, opener, &DatabaseOpener::openFile);
    connect(m_actions[ConnectToPostgres], &QAction::triggered, opener, [opener] { opener->connectToPostgres(); });
    connect(m_actions[Import], &QAction::triggered, this, &MainWindowActions::importFile);
    connect(m_actions[ExportHistory], &QAction::triggered, this, [this] {
        if (HistoryView *history = m_window->historyView())
            history->exportCsv();
    });
    connect(m_actions[ExportAudit], &QAction::triggered, this, [this] {
        if (AuditLogView *audit = m_window->auditLogView())
            audit->exportCsv();
    });
    connect(m_actions[Quit], &QAction::triggered, m_window, &QWidget::close);
    connect(m_actions[Undo], &QAction::triggered, this, [this] {
        if (m_window->actions() && !m_window->actions()->isBusy())
            m_window->undoStack()->undo();
    });
    connect(m_actions[Redo], &QAction::triggered, this, [this] {
        if (m_window->actions() && !m_window->actions()->isBusy())
            m_window->undoStack()->redo();
    });
    connect(m_actions[Copy], &QAction::triggered, this, [this] {
        if (HistoryView *history = m_window->historyView())
            history->copySelection();
    });
    connect(m_actions[Adjust], &QAction::triggered, this, [this] {
        LedgerActions *actions = m_window->actions();
        UsersPane *users = m_window->usersPane();
        if (actions && users && !users->currentUserId().isEmpty())
            actions->adjust(users->currentUserId());
    });
    connect(m_actions[Rollback], &QAction::triggered, this, [this] {
        LedgerActions *actions = m_window->actions();
        HistoryView *history = m_window->historyView();
        if (actions && history && !history->selectedTransactions().isEmpty())
            actions->rollback(history->selectedTransactions());
    });
    connect(m_actions[DeleteSource], &QAction::triggered, this, [this] {
        LedgerActions *actions = m_window->actions();
        HistoryView *history = m_window->historyView();
        if (!actions || !history)
            return;
        const QList<XpTransaction> selected = history->selectedTransactions();
        actions->deleteSource(selected.isEmpty() ? std::nullopt : std::optional(selected.first()));
    });
    connect(m_actions[Restore], &QAction::triggered, this, [this] {
        if (LedgerActions *actions = m_window->actions())
            actions->restore(m_window->usersPane() ? m_window->usersPane()->currentUserId() : QString());
    });
    connect(m_actions[Verify], &QAction::triggered, this, [this] {
        AuditLogView *audit = m_window->auditLogView();
        if (!audit)
            return;
        m_actions[ShowAudit]->trigger();
        audit->verify();
    });
    connect(m_actions[Refresh], &QAction::triggered, this, [this] {
        if (UsersPane *users = m_window->usersPane())
            users->refresh();
        if (HistoryView *history = m_window->historyView())
            history->refresh();
        if (AuditLogView *audit = m_window->auditLogView())
            audit->refresh();
        if (ChartsView *charts = m_window->chartsView())
            charts->refresh();
        if (PendingApprovalsView *approvals = m_window->approvalsView())
            approvals->refresh();
    });
    connect(m_actions[ShowHistory], &QAction::triggered, this, [this] { m_window->showView(m_window->historyView()); });
    connect(m_actions[ShowAudit], &QAction::triggered, this, [this] { m_window->showView(m_window->auditLogView()); });
    connect(m_actions[ShowCharts], &QAction::triggered, this, [this] { m_window->showView(m_window->chartsView()); });
    connect(m_actions[Manual], &QAction::triggered, this, [this] { showManual(); });
    connect(m_actions[KeyboardShortcuts], &QAction::triggered, this, &MainWindowActions::showShortcuts);
    connect(m_actions[About], &QAction::triggered, this, &MainWindowActions::showAbout);
}

void MainWindowActions::setIcons()
{
    // The toolbar's actions have XP Admin's own drawing where the desktop's theme has none.
    const std::array<std::tuple<Id, const char *, const char *>, 11> icons{{
        {Adjust, "document-edit", "adjust"},
        {Rollback, "list-remove", "rollback"},
        {DeleteSource, "edit-delete", "delete-source"},
        {Restore, "document-revert", "restore"},
        {Undo, "edit-undo", "undo"},
        {Redo, "edit-redo", "redo"},
        {Verify, "security-high", "verify"},
        {Refresh, "view-refresh", "refresh"},
        {Manual, "help-contents", "manual"},
        {KeyboardShortcuts, "preferences-desktop-keyboard", "shortcuts"},
        {About, "help-about", "about"},
    }};
    for (const auto &[id, themeName, bundled] : icons)
        m_actions[id]->setIcon(ThemeIcon::icon(QString::fromLatin1(themeName), QString::fromLatin1(bundled)));
    // Menus only: the theme's, if it has them.
    for (const auto &[id, themeName] : std::array<std::pair<Id, const char *>, 5>{{{NewDatabase, "document-new"},
                                                                                   {OpenDatabase, "document-open"},
                                                                                   {Copy, "edit-copy"},
                                                                                   {Quit, "application-exit"},
                                                                                   {Import, "document-import"}}})
        m_actions[id]->setIcon(QIcon::fromTheme(QString::fromLatin1(themeName)));
    // The toolbar names undo and redo without the step, which the menu and the tooltip give.
    m_actions[Undo]->setIconText(MainWindow::tr("Undo"));
    m_actions[Redo]->setIconText(MainWindow::tr("Redo"));
}

void MainWindowActions::update()
{
    LedgerActions *ledgerActions = m_window->actions();
    UsersPane *users = m_window->usersPane();
    HistoryView *history = m_window->historyView();
    QUndoStack *undoStack = m_window->undoStack();
    RoleIndicator *role = m_window->roleIndicator();
    const bool open = m_window->session() != nullptr;
    // A past moment's rows may be gone today: changes wait until the window shows now again
    // (the moment's banner says so).
    const LedgerMoment *moment = open ? LedgerMoment::of(m_window->session()) : nullptr;
    const bool past = moment && moment->isPast();
    const bool busy = (ledgerActions && ledgerActions->isBusy()) || past;
    const bool userSelected = open && users && !users->currentUserId().isEmpty();
    const bool rowsSelected = open && history && history->selectedCount() > 0;
    m_actions[Adjust]->setEnabled(userSelected && !busy);
    m_actions[Adjust]->setStatusTip(userSelected
                                        ? MainWindow::tr("Add or deduct XP for the selected user, with a reason")
                                        : MainWindow::tr("Select a user first"));
    m_actions[Rollback]->setEnabled(rowsSelected && !busy);
    m_actions[DeleteSource]->setEnabled(open && !busy);
    m_actions[Restore]->setEnabled(open && !busy);
    m_actions[Copy]->setEnabled(rowsSelected);
    for (const Id id : {Import, ExportHistory, ExportAudit, Verify, Refresh, ShowHistory, ShowAudit, ShowCharts})
        m_actions[id]->setEnabled(open);
    for (QAction *action : m_exportChart)
        action->setEnabled(open);
    m_actions[Undo]->setEnabled(undoStack->canUndo() && !busy);
    m_actions[Redo]->setEnabled(undoStack->canRedo() && !busy);
    m_actions[Undo]->setText(undoStack->canUndo() ? MainWindow::tr("&Undo %1").arg(undoStack->undoText())
                                                  : MainWindow::tr("&Undo"));
    m_actions[Redo]->setText(undoStack->canRedo() ? MainWindow::tr("&Redo %1").arg(undoStack->redoText())
                                                  : MainWindow::tr("&Redo"));
    // Undoing an adjustment rolls it back, redoing a rollback restores: both are admin's.
    role->restrict({{m_actions[Adjust], Action::Adjust},
                    {m_actions[Rollback], Action::Rollback},
                    {m_actions[DeleteSource], Action::DeleteSource},
                    {m_actions[Restore], Action::Restore},
                    {m_actions[Import], Action::Import},
                    {m_actions[Undo], Action::Rollback},
                    {m_actions[Redo], Action::Restore}});
    if (AuditLogView *audit = m_window->auditLogView())
        audit->verifyResult()->setRepairRefusal(role->refusal(Action::Repair));
    if (PendingApprovalsView *approvals = m_window->approvalsView())
        approvals->setRefusals(role->refusal(Action::Approve), role->refusal(Action::Configure));
    if (AlertCenter *alerts = m_window->alerts())
        alerts->setRulesRefusal(role->refusal(Action::ConfigureAlerts));
    if (PeriodActions *periods = m_window->periods())
        periods->setRefusal(role->refusal(Action::ClosePeriod));
}

void MainWindowActions::showAbout()
{
    LedgerSession *session = m_window->session();
    const QString database
        = session ? MainWindow::tr("%1, %2").arg(session->serverVersion(), session->spec().displayName()) : QString();
    auto *about = new AboutDialog(database, m_window);
    about->setAttribute(Qt::WA_DeleteOnClose);
    connect(about, &AboutDialog::manualRequested, this, [this, about] {
        about->close();
        showManual(QStringLiteral("index"));
    });
    about->open();
}

void MainWindowActions::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_window, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindowActions::showManual(const QString &page)
{
    if (!m_help)
        m_help = new HelpWindow(m_window);
    m_help->showPage(page.isEmpty() ? contextPage() : page);
}

QString MainWindowActions::contextPage() const
{
    const std::array<std::pair<QWidget *, const char *>, 5> views{{
        {m_window->usersPane(), "users"},
        {m_window->historyView(), "history"},
        {m_window->auditLogView(), "audit"},
        {m_window->chartsView(), "charts"},
        {m_window->approvalsView(), "approvals"},
    }};
    // The view holding the focus; else the tab shown.
    for (const auto &[view, page] : views) {
        if (view && view->isAncestorOf(QApplication::focusWidget()))
            return QString::fromLatin1(page);
    }
    for (const auto &[view, page] : views) {
        if (view && view != m_window->usersPane() && view->isVisible())
            return QString::fromLatin1(page);
    }
    return QStringLiteral("index");
}

void MainWindowActions::importFile()
{
    if (!m_window->session())
        return;
    // Window-modal: the database cannot be switched under a running import.
    auto *wizard = new ImportWizard(m_window->session(), m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, m_window, [window = m_window](const ImportReport &report) {
        window->statusBar()->showMessage(MainWindow::tr("Imported %L1 transactions for %L2 users (batch %3)")
                                             .arg(report.transactions)
                                             .arg(report.users)
                                             .arg(report.batchId),
                                         8000);
    });
    wizard->open();
}
