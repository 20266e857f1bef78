#include "ui/main/MainWindow.h"

#include "core/history/HistoryQuery.h"
#include "core/import/DemoGenerator.h"
#include "core/session/CancelToken.h"
#include "core/session/LedgerSession.h"
#include "translations/Translations.h"
#include "ui/actions/LedgerActions.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/VerifyResultPanel.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"
#include "ui/history/HistoryView.h"
#include "ui/import/ImportWizard.h"
#include "ui/main/ConnectionDialog.h"
#include "ui/main/RecentDatabases.h"
#include "ui/main/RoleIndicator.h"
#include "ui/users/UsersPane.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <algorithm>

namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString SplitterKey = QStringLiteral("mainWindow/splitter");
const QString TabKey = QStringLiteral("mainWindow/tab");
const QString UsersKey = QStringLiteral("mainWindow/usersPane");
const QString HistoryKey = QStringLiteral("mainWindow/historyView");
const QString AuditKey = QStringLiteral("mainWindow/auditLogView");
const QString ChartsKey = QStringLiteral("mainWindow/chartsView");
const QString LastDatabaseKey = QStringLiteral("lastDatabase");

} // namespace

MainWindow::MainWindow(const QString &operatorName, QWidget *parent)
    : QMainWindow(parent),
      m_operator(operatorName),
      m_undoStack(new QUndoStack(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_databaseLabel(new QLabel(this)),
      m_actorLabel(new QLabel(this)),
      m_busyLabel(new QLabel(this)),
      m_role(new RoleIndicator(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/xpadmin.svg")));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    createActions();
    createMenus();
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_role->label());
    statusBar()->addPermanentWidget(m_actorLabel);
    connect(m_role, &RoleIndicator::roleChanged, this, &MainWindow::updateActions);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(m_undoStack, &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    restoreSettings();
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Views and actions hold the session: they go first.
    delete m_actions;
    m_undoStack->clear();
    delete m_splitter;
    m_splitter = nullptr;
}

UsersPane *MainWindow::usersPane() const
{
    return m_users;
}

HistoryView *MainWindow::historyView() const
{
    return m_history;
}

AuditLogView *MainWindow::auditLogView() const
{
    return m_audit;
}

ChartsView *MainWindow::chartsView() const
{
    return m_charts;
}

LedgerActions *MainWindow::actions() const
{
    return m_actions;
}

QString MainWindow::demoDatabasePath()
{
    return ConnectionSpec::dataDirectory() + QStringLiteral("/demo.sqlite");
}

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &shortcut, const QString &tip) {
        auto *action = new QAction(text, this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setToolTip(shortcut.isEmpty() ? tip
                                              : tip + QStringLiteral(" (") + shortcut.toString(QKeySequence::NativeText)
                                   + QLatin1Char(')'));
        action->setStatusTip(tip);
        return action;
    };
    m_newAction = make(tr("&New Database…"), QKeySequence::New, tr("Create a new, empty ledger database file"));
    m_openAction = make(tr("&Open Database…"), QKeySequence::Open, tr("Open a ledger database file"));
    m_connectAction = make(tr("&Connect to PostgreSQL…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                           tr("Open the ledger on a PostgreSQL server"));
    m_importAction = make(tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I),
                          tr("Import legacy totals or bulk adjustments from a CSV file, after a dry run"));
    m_exportHistoryAction = make(tr("Export &History as CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                 tr("Write every transaction of the current filter to a CSV file"));
    m_exportAuditAction = make(tr("Export &Audit Log as CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                               tr("Write every audit event of the current filter to a CSV file"));
    m_quitAction = make(tr("&Quit"), QKeySequence::Quit, tr("Close XP Admin"));
    m_undoAction = make(tr("&Undo"), QKeySequence::Undo, tr("Undo your last change, as a new audited operation"));
    m_redoAction = make(tr("&Redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                        tr("Redo the change you undid, as a new audited operation"));
    m_copyAction = make(tr("&Copy"), QKeySequence::Copy, tr("Copy the selected transactions"));
    m_adjustAction = make(tr("&Adjust XP…"), QKeySequence(Qt::CTRL | Qt::Key_J),
                          tr("Add or deduct XP for the selected user, with a reason"));
    m_rollbackAction = make(tr("&Roll Back Selected…"), QKeySequence::Delete,
                            tr("Delete the selected transactions; the audit log keeps them for restore"));
    m_deleteSourceAction = make(tr("&Delete Source…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                                tr("Delete every transaction of one source, across users"));
    m_restoreAction = make(tr("Re&store…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                           tr("Bring rolled-back transactions back from the audit log"));
    m_verifyAction = make(tr("&Verify Ledger"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                          tr("Check the audit chain and every cached total"));
    m_refreshAction = make(tr("&Refresh"), QKeySequence::Refresh, tr("Read everything shown again"));
    m_showHistoryAction = make(tr("&History"), QKeySequence(Qt::CTRL | Qt::Key_1), tr("Show the transactions"));
    m_showAuditAction = make(tr("&Audit Log"), QKeySequence(Qt::CTRL | Qt::Key_2), tr("Show the audit log"));
    m_showChartsAction = make(tr("&Charts"), QKeySequence(Qt::CTRL | Qt::Key_3),
                              tr("Show charts of XP by category, over time, by source type and the top users"));
    for (const ChartKind kind :
         {ChartKind::CategoryShare, ChartKind::OverTime, ChartKind::SourceType, ChartKind::TopUsers}) {
        QAction *action = make(
            tr("%1…").arg(ChartKinds::title(kind)), {},
            tr("Write the chart \"%1\" of the charts view's range as PNG, SVG or PDF").arg(ChartKinds::title(kind)));
        connect(action, &QAction::triggered, this, [this, kind] {
            if (m_charts)
                m_charts->exportChart(kind);
        });
        m_exportChartActions[static_cast<int>(kind)] = action;
    }
    m_aboutAction = make(tr("&About XP Admin"), {}, tr("Version, Qt and database"));

    connect(m_newAction, &QAction::triggered, this, &MainWindow::newDatabase);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openDatabaseFile);
    connect(m_connectAction, &QAction::triggered, this, [this] { connectToPostgres(); });
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importFile);
    connect(m_exportHistoryAction, &QAction::triggered, this, [this] {
        if (m_history)
            m_history->exportCsv();
    });
    connect(m_exportAuditAction, &QAction::triggered, this, [this] {
        if (m_audit)
            m_audit->exportCsv();
    });
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_undoAction, &QAction::triggered, this, [this] {
        if (m_actions && !m_actions->isBusy())
            m_undoStack->undo();
    });
    connect(m_redoAction, &QAction::triggered, this, [this] {
        if (m_actions && !m_actions->isBusy())
            m_undoStack->redo();
    });
    connect(m_copyAction, &QAction::triggered, this, [this] {
        if (m_history)
            m_history->copySelection();
    });
    connect(m_adjustAction, &QAction::triggered, this, [this] {
        if (m_actions && m_users && !m_users->currentUserId().isEmpty())
            m_actions->adjust(m_users->currentUserId());
    });
    connect(m_rollbackAction, &QAction::triggered, this, [this] {
        if (m_actions && m_history && !m_history->selectedTransactions().isEmpty())
            m_actions->rollback(m_history->selectedTransactions());
    });
    connect(m_deleteSourceAction, &QAction::triggered, this, [this] {
        if (!m_actions || !m_history)
            return;
        const QList<XpTransaction> selected = m_history->selectedTransactions();
        m_actions->deleteSource(selected.isEmpty() ? std::nullopt : std::optional(selected.first()));
    });
    connect(m_restoreAction, &QAction::triggered, this, [this] {
        if (m_actions)
            m_actions->restore(m_users ? m_users->currentUserId() : QString());
    });
    connect(m_verifyAction, &QAction::triggered, this, [this] {
        if (!m_audit)
            return;
        m_showAuditAction->trigger();
        m_audit->verify();
    });
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_users)
            m_users->refresh();
        if (m_history)
            m_history->refresh();
        if (m_audit)
            m_audit->refresh();
        if (m_charts)
            m_charts->refresh();
        if (m_approvals)
            m_approvals->refresh();
    });
    connect(m_showHistoryAction, &QAction::triggered, this, [this] {
        if (m_tabs)
            m_tabs->setCurrentWidget(m_history);
    });
    connect(m_showAuditAction, &QAction::triggered, this, [this] {
        if (m_tabs)
            m_tabs->setCurrentWidget(m_audit);
    });
    connect(m_showChartsAction, &QAction::triggered, this, [this] {
        if (m_tabs)
            m_tabs->setCurrentWidget(m_charts);
    });
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    file->addAction(m_connectAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_exportHistoryAction);
    file->addAction(m_exportAuditAction);
    QMenu *exportChart = file->addMenu(tr("&Export Chart"));
    for (QAction *action : m_exportChartActions)
        exportChart->addAction(action);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_copyAction);

    QMenu *ledger = menuBar()->addMenu(tr("&Ledger"));
    ledger->addAction(m_adjustAction);
    ledger->addAction(m_rollbackAction);
    ledger->addAction(m_deleteSourceAction);
    ledger->addAction(m_restoreAction);
    ledger->addSeparator();
    ledger->addAction(m_verifyAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addSeparator();
    view->addAction(m_showHistoryAction);
    view->addAction(m_showAuditAction);
    view->addAction(m_showChartsAction);
    QAction *showApprovals = view->addAction(tr("&Pending Approvals"));
    showApprovals->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    showApprovals->setStatusTip(tr("Show the adjustments waiting for a second person's approval"));
    connect(showApprovals, &QAction::triggered, this, [this] {
        if (m_tabs)
            m_tabs->setCurrentWidget(m_tabs->findChild<PendingApprovalsView *>());
    });
    view->addSeparator();
    // The language of the window, for the next start (--lang overrides it for one run).
    QMenu *language = view->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(language);
    const QString chosen = Translations::preferred();
    QStringList codes{QString()};
    codes << Translations::languages();
    for (const QString &code : std::as_const(codes)) {
        QAction *action = language->addAction(code.isEmpty() ? tr("System Default") : Translations::nativeName(code));
        action->setCheckable(true);
        action->setChecked(code == chosen);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            Translations::setPreferred(code);
            statusBar()->showMessage(tr("The language changes when XP Admin starts again."), 8000);
        });
    }

    view->addMenu(m_role->createSqliteRoleMenu(view));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolbar = addToolBar(tr("Ledger"));
    toolbar->setObjectName(QStringLiteral("ledgerToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_adjustAction);
    toolbar->addAction(m_rollbackAction);
    toolbar->addAction(m_deleteSourceAction);
    toolbar->addAction(m_restoreAction);
    toolbar->addSeparator();
    toolbar->addAction(m_undoAction);
    toolbar->addAction(m_redoAction);
    toolbar->addSeparator();
    toolbar->addAction(m_verifyAction);
    toolbar->addAction(m_refreshAction);
}

void MainWindow::openDatabase(const ConnectionSpec &requested, bool demo)
{
    // A PostgreSQL URL without a password (a recent database, --db): the keychain's, if saved.
    const ConnectionSpec spec = ConnectionDialog::withSavedPassword(requested);
    statusBar()->showMessage(tr("Opening %1…").arg(spec.displayName()));
    m_opening = std::make_unique<LedgerSession>(spec, m_operator);
    LedgerSession *opening = m_opening.get();
    opening->open(this, [this, opening, spec, demo](const Status &status) {
        if (m_opening.get() != opening)
            return; // another database was chosen meanwhile
        if (!status && ConnectionDialog::needsPassword(spec, status.error())) {
            // The server wants a password (or another one): ask for it, saying why.
            const ConnectionSpec retry = spec;
            const QString problem = status.error().message;
            m_opening.reset();
            statusBar()->clearMessage();
            ConnectionDialog dialog(this);
            dialog.setSpec(retry);
            dialog.showProblem(problem);
            if (dialog.exec() == QDialog::Accepted)
                openDatabase(dialog.spec());
            else
                emit databaseOpened(false);
            return;
        }
        if (!status) {
            m_opening.reset();
            statusBar()->clearMessage();
            MessageBox::critical(
                this, tr("Cannot Open Database"),
                tr("%1\n\nNothing was changed.%2")
                    .arg(status.error().message,
                         m_session ? tr(" %1 stays open.").arg(m_session->spec().displayName()) : QString()));
            emit databaseOpened(false);
            return;
        }
        RecentDatabases::add(spec.displayName());
        QSettings().setValue(LastDatabaseKey, spec.displayName());
        installSession(std::move(m_opening));
        statusBar()->showMessage(tr("Opened %1").arg(spec.displayName()), 5000);
        if (demo)
            fillDemoData();
        emit databaseOpened(true);
    });
}

void MainWindow::installSession(std::unique_ptr<LedgerSession> session)
{
    if (m_session)
        saveSettings();
    delete m_actions;
    m_undoStack->clear(); // its commands belong to the database being closed
    if (m_tabs) {
        delete m_users;
        delete m_tabs;
        m_tabs = nullptr;
    }
    m_session = std::move(session);
    LedgerSession *s = m_session.get();

    m_users = new UsersPane(s, m_splitter);
    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setDocumentMode(true);
    m_history = new HistoryView(s, m_tabs);
    m_audit = new AuditLogView(s, m_tabs);
    m_charts = new ChartsView(s, m_tabs);
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_audit, tr("Audit Log"));
    m_tabs->addTab(m_charts, tr("Charts"));
    m_approvals = new PendingApprovalsView(s, m_tabs);
    m_tabs->addTab(m_approvals, tr("Pending Approvals"));
    connect(m_approvals, &PendingApprovalsView::countChanged, this, [this](int count) {
        m_tabs->setTabText(m_tabs->indexOf(m_approvals),
                           count > 0 ? tr("Pending Approvals (%1)").arg(count) : tr("Pending Approvals"));
    });
    connect(m_approvals, &PendingApprovalsView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    m_splitter->addWidget(m_users);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_actions = new LedgerActions(s, m_undoStack, this, this);
    m_role->setSession(s);

    connect(m_users, &UsersPane::currentUserChanged, this, [this](const QString &userId) {
        m_history->setUser(userId);
        m_audit->setUserFilter(userId);
        m_charts->setUser(userId);
        updateActions();
    });
    connect(m_charts, &ChartsView::userActivated, m_users, &UsersPane::selectUser);
    connect(m_charts, &ChartsView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_history, &HistoryView::selectionChanged, this, &MainWindow::updateActions);
    connect(m_actions, &LedgerActions::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_actions, &LedgerActions::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_actions, &LedgerActions::busyChanged, this, &MainWindow::updateActions);
    connect(m_audit, &AuditLogView::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    const auto showBusy = [this] {
        const int pending = m_session->interactive()->pendingJobs() + m_session->background()->pendingJobs();
        m_busyLabel->setText(pending > 0 ? tr("Working…") : QString());
    };
    connect(s->interactive(), &DatabaseWorker::pendingJobsChanged, this, showBusy);
    connect(s->background(), &DatabaseWorker::pendingJobsChanged, this, showBusy);

    const QSettings settings;
    if (!m_splitter->restoreState(settings.value(SplitterKey).toByteArray()))
        m_splitter->setSizes({width() * 37 / 100, width() * 63 / 100});
    m_tabs->setCurrentIndex(settings.value(TabKey, 0).toInt());
    m_users->restoreState(settings.value(UsersKey).toByteArray());
    m_history->restoreState(settings.value(HistoryKey).toByteArray());
    m_audit->restoreState(settings.value(AuditKey).toByteArray());
    m_charts->restoreState(settings.value(ChartsKey).toByteArray());
    m_history->setUser(m_users->currentUserId());
    m_audit->setUserFilter(m_users->currentUserId());
    m_charts->setUser(m_users->currentUserId());
    updateTitle();
    updateActions();
}

void MainWindow::fillDemoData()
{
    auto *progress = new QProgressDialog(tr("Creating demo data…"), tr("Cancel"), 0, 100, this);
    progress->setWindowTitle(tr("Demo Database"));
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    progress->setValue(0);
    const CancelToken cancel;
    connect(progress, &QProgressDialog::canceled, this, [cancel] { cancel.cancel(); });
    QPointer<QProgressDialog> guard(progress);
    m_session->background()->post<qint64>(
        this,
        [cancel, guard, this](Database &db) -> Result<qint64> {
            auto existing = HistoryQuery(db).count({});
            if (!existing)
                return existing.error();
            if (*existing > 0)
                return qint64(0);
            auto summary = DemoGenerator(db).generate(DemoOptions{200, 25000, 120, 42}, [&](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(
                    this,
                    [guard, done, total] {
                        if (guard)
                            guard->setValue(int(100 * done / std::max<qint64>(1, total)));
                    },
                    Qt::QueuedConnection);
                return !cancel.isCancelled();
            });
            if (!summary)
                return summary.error();
            return summary->transactions;
        },
        [this, guard](const Result<qint64> &made) {
            if (guard)
                guard->close();
            if (!made) {
                if (made.error().kind != Error::Kind::Cancelled)
                    MessageBox::critical(this, tr("Demo Database"), made.error().message);
                return;
            }
            if (*made > 0) {
                statusBar()->showMessage(tr("Demo data created: %L1 transactions").arg(*made), 8000);
                m_session->announceChange();
            }
        });
}

void MainWindow::updateActions()
{
    const bool open = m_session != nullptr;
    const bool busy = m_actions && m_actions->isBusy();
    const bool userSelected = open && m_users && !m_users->currentUserId().isEmpty();
    const bool rowsSelected = open && m_history && m_history->selectedCount() > 0;
    m_adjustAction->setEnabled(userSelected && !busy);
    m_adjustAction->setStatusTip(userSelected ? tr("Add or deduct XP for the selected user, with a reason")
                                              : tr("Select a user first"));
    m_rollbackAction->setEnabled(rowsSelected && !busy);
    m_deleteSourceAction->setEnabled(open && !busy);
    m_restoreAction->setEnabled(open && !busy);
    m_copyAction->setEnabled(rowsSelected);
    for (QAction *action : {m_importAction, m_exportHistoryAction, m_exportAuditAction, m_verifyAction, m_refreshAction,
                            m_showHistoryAction, m_showAuditAction, m_showChartsAction})
        action->setEnabled(open);
    for (QAction *action : m_exportChartActions)
        action->setEnabled(open);
    m_undoAction->setEnabled(m_undoStack->canUndo() && !busy);
    m_redoAction->setEnabled(m_undoStack->canRedo() && !busy);
    m_undoAction->setText(m_undoStack->canUndo() ? tr("&Undo %1").arg(m_undoStack->undoText()) : tr("&Undo"));
    m_redoAction->setText(m_undoStack->canRedo() ? tr("&Redo %1").arg(m_undoStack->redoText()) : tr("&Redo"));
    // Undoing an adjustment rolls it back, redoing a rollback restores: both are admin's.
    m_role->restrict({{m_adjustAction, Action::Adjust},
                      {m_rollbackAction, Action::Rollback},
                      {m_deleteSourceAction, Action::DeleteSource},
                      {m_restoreAction, Action::Restore},
                      {m_importAction, Action::Import},
                      {m_undoAction, Action::Rollback},
                      {m_redoAction, Action::Restore}});
    if (m_audit)
        m_audit->verifyResult()->setRepairRefusal(m_role->refusal(Action::Repair));
    if (m_approvals)
        m_approvals->setRefusals(m_role->refusal(Action::Approve), m_role->refusal(Action::Configure));
}

void MainWindow::updateTitle()
{
    if (!m_session) {
        setWindowTitle(tr("XP Admin"));
        m_databaseLabel->clear();
        m_actorLabel->clear();
        return;
    }
    const ConnectionSpec &spec = m_session->spec();
    const QString where = spec.backend == ConnectionSpec::Backend::Sqlite ? spec.path : spec.displayName();
    setWindowTitle(tr("%1 — XP Admin").arg(where));
    m_databaseLabel->setText(m_session->serverVersion());
    m_databaseLabel->setToolTip(where);
    m_actorLabel->setText(m_session->actor() == m_session->operatorName()
                              ? tr("Actor: %1").arg(m_session->actor())
                              : tr("Actor: %1 (operator %2)").arg(m_session->actor(), m_session->operatorName()));
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentDatabases::list();
    for (const QString &location : recent) {
        QAction *action = m_recentMenu->addAction(location);
        connect(action, &QAction::triggered, this, [this, location] { openRecent(location); });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [] { RecentDatabases::clear(); });
}

void MainWindow::newDatabase()
{
    const QString file = FileDialog::getSaveFileName(this, tr("New Ledger Database"), QStringLiteral("ledger.sqlite"),
                                                     tr("SQLite databases (*.sqlite *.db);;All files (*)"),
                                                     QStringLiteral("database"));
    if (file.isEmpty())
        return;
    if (auto spec = ConnectionSpec::parse(file))
        openDatabase(*spec);
}

void MainWindow::openDatabaseFile()
{
    const QString file = FileDialog::getOpenFileName(this, tr("Open Ledger Database"),
                                                     tr("SQLite databases (*.sqlite *.db);;All files (*)"),
                                                     QStringLiteral("database"));
    if (file.isEmpty())
        return;
    if (auto spec = ConnectionSpec::parse(file))
        openDatabase(*spec);
}

void MainWindow::connectToPostgres(const ConnectionSpec &prefill)
{
    ConnectionDialog dialog(this);
    if (prefill.backend == ConnectionSpec::Backend::Postgres)
        dialog.setSpec(prefill);
    if (dialog.exec() == QDialog::Accepted)
        openDatabase(dialog.spec());
}

void MainWindow::openRecent(const QString &location)
{
    auto spec = ConnectionSpec::parse(location);
    if (!spec) {
        RecentDatabases::remove(location);
        MessageBox::warning(this, tr("Open Recent"), spec.error().message);
        return;
    }
    openDatabase(*spec);
}

void MainWindow::showAbout()
{
    MessageBox::information(this, tr("About XP Admin"),
                            tr("XP Admin %1\nAdministration of the XP ledger.\n\nQt %2\nDatabase: %3\n%4")
                                .arg(QStringLiteral(XPADMIN_VERSION), QString::fromLatin1(qVersion()),
                                     m_session ? m_session->serverVersion() : tr("none open"),
                                     m_session ? m_session->spec().displayName() : QString()));
}

void MainWindow::importFile()
{
    if (!m_session)
        return;
    // Window-modal: the database cannot be switched under a running import.
    auto *wizard = new ImportWizard(m_session.get(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, this, [this](const ImportReport &report) {
        statusBar()->showMessage(tr("Imported %L1 transactions for %L2 users (batch %3)")
                                     .arg(report.transactions)
                                     .arg(report.users)
                                     .arg(report.batchId),
                                 8000);
    });
    wizard->open();
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    if (m_session && m_tabs) {
        settings.setValue(SplitterKey, m_splitter->saveState());
        settings.setValue(TabKey, m_tabs->currentIndex());
        settings.setValue(UsersKey, m_users->saveState());
        settings.setValue(HistoryKey, m_history->saveState());
        settings.setValue(AuditKey, m_audit->saveState());
        settings.setValue(ChartsKey, m_charts->saveState());
    }
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(1400, 860);
    restoreState(settings.value(StateKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}
