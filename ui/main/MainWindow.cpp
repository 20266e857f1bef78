#include "ui/main/MainWindow.h"

#include "models/AuditTail.h"

#include "core/history/HistoryJobs.h"
#include "core/live/LedgerChangeFeed.h"
#include "core/session/LedgerSession.h"
#include "models/LedgerMoment.h"
#include "ui/actions/LedgerActions.h"
#include "ui/alerts/AlertCenter.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/audit/AuditLogView.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/MessageBox.h"
#include "ui/history/HistoryView.h"
#include "ui/main/DatabaseOpener.h"
#include "ui/main/LedgerDropTarget.h"
#include "ui/main/LiveIndicator.h"
#include "ui/main/LiveUpdates.h"
#include "ui/main/MainMenus.h"
#include "ui/main/MainWindowActions.h"
#include "ui/main/RoleIndicator.h"
#include "ui/main/StandbyIndicator.h"
#include "ui/periods/PeriodActions.h"
#include "ui/statement/StatementLauncher.h"
#include "ui/users/UsersPane.h"

#include <QCloseEvent>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString StateKey = QStringLiteral("mainWindow/state");
const QString SplitterKey = QStringLiteral("mainWindow/splitter");
const QString TabKey = QStringLiteral("mainWindow/tab");
const QString UsersKey = QStringLiteral("mainWindow/usersPane");
const QString HistoryKey = QStringLiteral("mainWindow/historyView");
const QString AuditKey = QStringLiteral("mainWindow/auditLogView");
const QString ChartsKey = QStringLiteral("mainWindow/chartsView");

// "PostgreSQL 15.18" of "PostgreSQL 15.18 (Debian 15.18-0+deb12u1)": the status bar keeps its
// room for messages; the full version is in the tooltip.
QString shortVersion(const QString &version)
{
    const qsizetype detail = version.indexOf(QLatin1String(" ("));
    return detail > 0 ? version.left(detail) : version;
}

} // namespace

MainWindow::MainWindow(const QString &operatorName, QWidget *parent)
    : QMainWindow(parent),
      m_undoStack(new QUndoStack(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_databaseLabel(new QLabel(this)),
      m_actorLabel(new QLabel(this)),
      m_busyLabel(new QLabel(this)),
      m_role(new RoleIndicator(this)),
      m_standby(new StandbyIndicator(this)),
      m_liveIndicator(new LiveIndicator(this)),
      m_opener(new DatabaseOpener(
          this, operatorName, [this](std::unique_ptr<LedgerSession> session) { installSession(std::move(session)); }))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/xpadmin.svg")));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);
    connect(m_opener, &DatabaseOpener::opened, this, &MainWindow::databaseOpened);
    new LedgerDropTarget(this); // a ledger file dropped on the window opens after asking
    m_windowActions = new MainWindowActions(this, m_opener);
    // The statement of the user chosen in the list, else of the user the history shows.
    m_statements = new StatementLauncher(
        this, [this] { return m_session.get(); },
        [this] {
            if (m_users && !m_users->currentUserId().isEmpty())
                return m_users->currentUserId();
            return m_history ? m_history->userId() : QString();
        });
    // Before the menus, which hold its actions, and before the state restored places its dock.
    m_alerts = new AlertCenter(this);
    m_periods = new PeriodActions(this);
    connect(m_periods, &PeriodActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_alerts, &AlertCenter::statusMessage, this, &MainWindow::showStatus);
    connect(m_alerts, &AlertCenter::userRequested, this, &MainWindow::showUser);
    connect(m_alerts, &AlertCenter::eventRequested, this, [this](qint64 seq) {
        if (!m_audit)
            return;
        showView(m_audit);
        m_audit->selectEvent(seq);
    });
    MainMenus::create(this, *m_windowActions, m_opener);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_liveIndicator);
    statusBar()->addPermanentWidget(m_standby);
    statusBar()->addPermanentWidget(m_periods->indicator());
    statusBar()->addPermanentWidget(m_role->label());
    statusBar()->addPermanentWidget(m_actorLabel);
    connect(m_role, &RoleIndicator::roleChanged, this, &MainWindow::updateActions);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(m_undoStack, &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    restoreSettings();
    m_alerts->hideBar(); // its alerts were of the last run
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Views and actions hold the session: they go first.
    m_statements->closeAll();
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

PendingApprovalsView *MainWindow::approvalsView() const
{
    return m_approvals;
}

LiveUpdates *MainWindow::liveUpdates() const
{
    return m_live;
}

void MainWindow::showView(QWidget *view)
{
    if (m_tabs && view)
        m_tabs->setCurrentWidget(view);
}

QString MainWindow::demoDatabasePath()
{
    return ConnectionSpec::dataDirectory() + QStringLiteral("/demo.sqlite");
}

void MainWindow::openDatabase(const ConnectionSpec &spec, bool demo, const std::optional<ConnectionSpec> &readStandby)
{
    // The window's own files (the embedded and the demo database) are made on first use.
    const bool own = spec.backend == ConnectionSpec::Backend::Sqlite
        && (spec.path == ConnectionSpec::defaultSqlitePath() || spec.path == demoDatabasePath());
    m_opener->open(spec, demo, own, readStandby);
}

void MainWindow::installSession(std::unique_ptr<LedgerSession> session)
{
    if (m_session)
        saveSettings();
    m_statements->closeAll();
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
    connect(m_approvals, &PendingApprovalsView::statusMessage, this, &MainWindow::showStatus);
    m_splitter->addWidget(m_users);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_live = new LiveUpdates(s, m_users, m_history, m_audit, m_charts, m_tabs);
    const QString notLive = m_live->startFeed();
    m_liveIndicator->setFeed(m_live->feed(), notLive);
    if (!notLive.isEmpty())
        showStatus(tr("Changes made elsewhere will not show until you refresh (F5): %1").arg(notLive));
    connect(m_live->feed(), &LedgerChangeFeed::problem, this, &MainWindow::showStatus);
    // Every new audit event, made here or anywhere, goes past the alert rules.
    connect(m_live->tail(), &AuditTail::arrived, m_alerts, &AlertCenter::addEvents);
    connect(m_live->tail(), &AuditTail::arrived, m_periods, &PeriodActions::addEvents);
    m_actions = new LedgerActions(s, m_undoStack, this, this);
    // Each action dialog knows before the click whether the role may make its change.
    m_actions->setRefusalSource([this](Action action) { return m_role->refusal(action); });
    connect(m_role, &RoleIndicator::roleChanged, m_actions, &LedgerActions::updateRefusals);
    m_role->setSession(s);
    m_standby->setSession(s);
    m_alerts->setSession(s);
    m_periods->setSession(s);

    connect(m_users, &UsersPane::currentUserChanged, this, [this](const QString &userId) {
        m_history->setUser(userId);
        m_audit->setUserFilter(userId);
        m_charts->setUser(userId);
        updateActions();
    });
    connect(m_charts, &ChartsView::userActivated, m_users, &UsersPane::selectUser);
    connect(m_charts, &ChartsView::statusMessage, this, &MainWindow::showStatus);
    connect(m_history, &HistoryView::selectionChanged, this, &MainWindow::updateActions);
    connect(LedgerMoment::of(s), &LedgerMoment::changed, this, &MainWindow::updateActions);
    // A history row's context menu: the window's actions on rows first, then the view's own.
    m_history->addRowAction(m_windowActions->action(MainWindowActions::Rollback));
    m_history->addRowAction(m_windowActions->action(MainWindowActions::DeleteSource));
    m_history->addRowAction(m_statements->action());
    m_users->addUserAction(m_statements->action());
    connect(m_history, &HistoryView::auditRequested, this,
            [this](const XpTransaction &transaction) { showAuditForTransaction(transaction.id); });
    connect(m_history, &HistoryView::userRequested, this, &MainWindow::showUser);
    connect(m_history, &HistoryView::statusMessage, this, &MainWindow::showStatus);
    connect(m_actions, &LedgerActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_actions, &LedgerActions::failed, this, &MainWindow::showStatus);
    connect(m_actions, &LedgerActions::busyChanged, this, &MainWindow::updateActions);
    connect(m_audit, &AuditLogView::statusMessage, this, &MainWindow::showStatus);
    connect(m_audit, &AuditLogView::showUserRequested, this, &MainWindow::showUser);
    connect(m_audit, &AuditLogView::showTransactionRequested, this, &MainWindow::showTransaction);
    const auto showBusy = [this] {
        const int pending = m_session->interactive()->pendingJobs() + m_session->background()->pendingJobs();
        m_busyLabel->setText(pending > 0 ? tr("Working…") : QString());
    };
    connect(s->interactive(), &DatabaseWorker::pendingJobsChanged, this, showBusy);
    connect(s->background(), &DatabaseWorker::pendingJobsChanged, this, showBusy);
    // After a failover the connection is on another server: said where the server is named.
    const auto showServer = [this](const QString &address, const QString &lostCommit) {
        m_databaseLabel->setText(tr("%1 on %2").arg(shortVersion(m_session->serverVersion()), address));
        m_databaseLabel->setToolTip(
            tr("%1\n%2 on %3").arg(m_session->spec().displayName(), m_session->serverVersion(), address));
        showStatus(tr("The database server changed: now connected to %1").arg(address));
        if (!lostCommit.isEmpty())
            MessageBox::warning(this, tr("Change lost in a failover"), lostCommit);
    };
    connect(s->interactive(), &DatabaseWorker::serverChanged, this, showServer);
    connect(s->background(), &DatabaseWorker::serverChanged, this, showServer);
    connect(s, &LedgerSession::waitChanged, this, [this, showBusy](const QString &text) {
        if (text.isEmpty())
            showBusy();
        else
            m_busyLabel->setText(text);
    });

    const QSettings settings;
    if (!m_splitter->restoreState(settings.value(SplitterKey).toByteArray())) {
        // The users pane as wide as its columns need, or its share of a wide window.
        const int users = std::max(m_users->sizeHint().width(), width() * 3 / 10);
        m_splitter->setSizes({users, width() - users});
    }
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

void MainWindow::showStatus(const QString &message)
{
    statusBar()->showMessage(message, 8000);
}

void MainWindow::showUser(const QString &userId)
{
    if (!m_users || !m_history || userId.isEmpty())
        return;
    m_users->selectUser(userId);
    showView(m_history);
}

void MainWindow::showTransaction(const QString &transactionId)
{
    if (!m_session || transactionId.isEmpty())
        return;
    m_session->interactive()->post<TransactionLookup::Found>(
        this, HistoryJobs::lookup(transactionId), [this, transactionId](const Result<TransactionLookup::Found> &found) {
            if (!found) {
                showStatus(tr("Transaction %1 could not be read: %2").arg(transactionId, found.error().message));
                return;
            }
            if (!found->transaction || !m_history || !m_users) {
                showStatus(
                    tr("Transaction %1 is not in the ledger: it was rolled back or never existed.").arg(transactionId));
                return;
            }
            const XpTransaction &transaction = *found->transaction;
            // Everyone's history shows it as it is; another user's does not.
            if (!m_history->userId().isEmpty() && m_history->userId() != transaction.userId) {
                m_users->selectUser(transaction.userId);
                m_history->setUser(transaction.userId);
            }
            showView(m_history);
            m_history->showTransaction(transaction);
        });
}

void MainWindow::showAuditForTransaction(const QString &transactionId)
{
    if (!m_session || transactionId.isEmpty())
        return;
    m_session->interactive()->post<TransactionLookup::Found>(
        this, HistoryJobs::lookup(transactionId), [this, transactionId](const Result<TransactionLookup::Found> &found) {
            if (!m_audit)
                return;
            if (!found) {
                showStatus(tr("Transaction %1 could not be read: %2").arg(transactionId, found.error().message));
                return;
            }
            showView(m_audit);
            if (found->event) {
                m_audit->selectEvent(*found->event);
            } else if (!found->userId.isEmpty()) {
                m_audit->setUserFilter(found->userId);
                showStatus(tr("No audit event names transaction %1 (demo data and bulk loads write one event for "
                              "all their rows); showing the events of its user.")
                               .arg(transactionId));
            } else {
                showStatus(tr("Transaction %1 is neither in the ledger nor in the audit log.").arg(transactionId));
            }
        });
}

void MainWindow::ledgerChanged()
{
    if (m_live)
        m_live->ledgerChanged();
}

void MainWindow::updateActions()
{
    // Also called while the window is taken apart, after its actions have gone.
    if (m_windowActions)
        m_windowActions->update();
    if (m_statements)
        m_statements->update();
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
    if (m_session->isReadOnly()) {
        // Said where it is seen: changes are greyed out, with this reason in their tooltips.
        setWindowTitle(tr("%1 (Read-only) — XP Admin").arg(where));
        m_databaseLabel->setText(tr("Read-only · %1").arg(shortVersion(m_session->serverVersion())));
        m_databaseLabel->setToolTip(
            tr("%1\n%2\nRead-only: %3").arg(where, m_session->serverVersion(), m_session->readOnlyReason()));
    } else {
        setWindowTitle(tr("%1 — XP Admin").arg(where));
        m_databaseLabel->setText(shortVersion(m_session->serverVersion()));
        m_databaseLabel->setToolTip(QStringLiteral("%1\n%2").arg(where, m_session->serverVersion()));
    }
    // The operator in the tooltip: the status bar keeps its room for messages.
    m_actorLabel->setText(tr("Actor: %1").arg(m_session->actor()));
    m_actorLabel->setToolTip(m_session->actor() == m_session->operatorName()
                                 ? QString()
                                 : tr("Actor: %1 (operator %2)").arg(m_session->actor(), m_session->operatorName()));
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
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        // The first start: room for the history's columns, within the screen (a 1280x800 one too).
        QSize size(1400, 860);
        if (const QScreen *shown = screen())
            size = size.boundedTo(shown->availableGeometry().size() * 0.95);
        resize(size);
    }
    restoreState(settings.value(StateKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}
