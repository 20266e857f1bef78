#include "tests/tour/WindowTour.h"

#include "tests/credentials/MemoryCredentialStore.h"

#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/HistoryModel.h"
#include "models/PendingModel.h"
#include "models/UsersModel.h"
#include "translations/Translations.h"
#include "ui/actions/ActionDialog.h"
#include "ui/actions/LedgerActions.h"
#include "ui/approval/PendingApprovalsView.h"
#include "ui/audit/AuditLogView.h"
#include "ui/audit/AuditReportDialog.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartsView.h"
#include "ui/history/HistoryView.h"
#include "ui/import/ImportChoosePage.h"
#include "ui/import/ImportWizard.h"
#include "ui/main/ConnectionDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

namespace {

// A person's pace: the worker's answers and the repaints after them have landed.
constexpr int SettleMs = 300;

} // namespace

void WindowTour::prepareScreen(const QSize &size)
{
    if (!qEnvironmentVariable("QT_QPA_PLATFORM").startsWith(QLatin1String("offscreen")))
        return;
    const QString path = QDir(QDir::tempPath())
                             .filePath(QStringLiteral("xpadmin-tour-screen-%1x%2-%3.json")
                                           .arg(size.width())
                                           .arg(size.height())
                                           .arg(QCoreApplication::applicationPid()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    // No window frames: the window's client area is the screen's, as on a maximised desktop window.
    file.write(QStringLiteral("{\"windowFrameMargins\": false, \"screens\": [{\"name\": \"tour\", \"x\": 0, \"y\": 0, "
                              "\"width\": %1, \"height\": %2, "
                              "\"logicalDpi\": 96}]}\n")
                   .arg(size.width())
                   .arg(size.height())
                   .toUtf8());
    file.close();
    qputenv("QT_QPA_PLATFORM", QStringLiteral("offscreen:configfile=%1").arg(path).toLocal8Bit());
}

void WindowTour::quietenPlatform()
{
    static const QtMessageHandler previous = qInstallMessageHandler(nullptr);
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (!message.contains(QLatin1String("does not support propagateSizeHints")))
            previous(type, context, message);
    });
}

bool WindowTour::setLanguage(const QString &language, QString *why)
{
    const Result<QString> installed = Translations::install(language);
    if (!installed)
        *why = installed.error().message;
    return installed.ok();
}

QStringList WindowTour::stops()
{
    return {QStringLiteral("history"),
            QStringLiteral("main-window"),
            QStringLiteral("adjust-dialog"),
            QStringLiteral("adjusted"),
            QStringLiteral("rollback-dialog"),
            QStringLiteral("delete-source-dialog"),
            QStringLiteral("restore-dialog"),
            QStringLiteral("audit-log"),
            QStringLiteral("verify"),
            QStringLiteral("charts"),
            QStringLiteral("pending-approvals"),
            QStringLiteral("connection-dialog"),
            QStringLiteral("audit-report-dialog"),
            QStringLiteral("import-choose"),
            QStringLiteral("import-preview-problems"),
            QStringLiteral("import-preview"),
            QStringLiteral("import-summary"),
            QStringLiteral("import-confirm"),
            QStringLiteral("import-result"),
            QStringLiteral("imported"),
            QStringLiteral("about"),
            QStringLiteral("shortcuts"),
            QStringLiteral("manual"),
            QStringLiteral("language-message")};
}

WindowTour::WindowTour(const ConnectionSpec &spec, const QSize &size) : m_spec(spec), m_size(size) { }

WindowTour::~WindowTour() = default;

bool WindowTour::waitFor(const std::function<bool()> &condition, const QString &what, QString *why, int timeoutMs)
{
    if (QTest::qWaitFor(condition, timeoutMs))
        return true;
    *why = QStringLiteral("the tour waited in vain for %1").arg(what);
    return false;
}

void WindowTour::visit(const QString &stop, QWidget *window)
{
    QTest::qWait(SettleMs);
    m_visit(stop, window);
}

bool WindowTour::run(const Visit &visit, QString *why)
{
    m_visit = visit;
    return openWindow(why) && actionDialogs(why) && changeLedger(why) && views(why) && standaloneDialogs(why)
        && importWizard(why) && helpWindows(why) && languageMessage(why);
}

bool WindowTour::openWindow(QString *why)
{
    m_window = std::make_unique<MainWindow>(QStringLiteral("Dana (support)"));
    m_window->resize(m_size);
    m_window->move(0, 0);
    m_window->show();
    bool opened = false;
    bool answered = false;
    QObject::connect(m_window.get(), &MainWindow::databaseOpened, m_window.get(), [&](bool ok) {
        opened = ok;
        answered = true;
    });
    m_window->openDatabase(m_spec);
    if (!waitFor([&] { return answered; }, QStringLiteral("the database to open"), why, 60000))
        return false;
    if (!opened) {
        *why = QStringLiteral("the database did not open");
        return false;
    }
    UsersPane *users = m_window->usersPane();
    HistoryView *history = m_window->historyView();
    if (!waitFor([&] { return users->model()->rowCount() > 10 && history->model()->rowCount() > 20; },
                 QStringLiteral("users and everyone's history"), why))
        return false;
    visit(QStringLiteral("history"), m_window.get());

    // The second of the leaderboard, as a support person picks a user, and one of their rows.
    users->tableView()->selectRow(1);
    m_userId = users->currentUserId();
    if (!waitFor(
            [&] {
                return history->userId() == m_userId && history->model()->rowCount() > 5
                    && history->model()->transaction(0).userId == m_userId;
            },
            QStringLiteral("the user's history"), why))
        return false;
    history->tableView()->selectRow(2);
    visit(QStringLiteral("main-window"), m_window.get());
    return true;
}

bool WindowTour::visitActionDialog(const QString &stop, QString *why)
{
    QPointer<QDialog> dialog = m_window->actions()->lastDialog();
    if (!waitFor([&] { return dialog && dialog->isVisible(); }, stop, why))
        return false;
    QTest::qWait(2 * SettleMs); // totals and previews arrive from the worker
    visit(stop, dialog);
    if (dialog)
        dialog->reject();
    return waitFor([&] { return !dialog || !dialog->isVisible(); }, stop + QStringLiteral(" to close"), why);
}

bool WindowTour::actionDialogs(QString *why)
{
    LedgerActions *actions = m_window->actions();
    actions->adjust(m_userId);
    QPointer<QDialog> adjust = actions->lastDialog();
    if (!waitFor([&] { return adjust && adjust->isVisible(); }, QStringLiteral("Adjust XP"), why))
        return false;
    QTest::qWait(2 * SettleMs);
    auto *amount = adjust->findChild<QLineEdit *>(QStringLiteral("amountEdit"));
    auto *reason = adjust->findChild<QPlainTextEdit *>();
    if (!amount || !reason) {
        *why = QStringLiteral("Adjust XP has no amount or reason field");
        return false;
    }
    QTest::keyClicks(amount, QStringLiteral("250"));
    QTest::keyClicks(reason, QStringLiteral("Weekly challenge prize, ticket #4411"));
    visit(QStringLiteral("adjust-dialog"), adjust);
    // Applied as a person applies it: the status bar says what was done.
    auto *dialog = qobject_cast<ActionDialog *>(adjust.data());
    if (!dialog || !waitFor([&] { return dialog->confirmButton()->isEnabled(); }, QStringLiteral("OK"), why))
        return false;
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    if (!waitFor([&] { return !adjust && !m_window->statusBar()->currentMessage().isEmpty(); },
                 QStringLiteral("the adjustment"), why))
        return false;
    visit(QStringLiteral("adjusted"), m_window.get());

    HistoryView *history = m_window->historyView();
    history->tableView()->selectRow(2);
    history->tableView()->selectionModel()->select(history->model()->index(3, 0),
                                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    if (!waitFor([&] { return history->selectedCount() == 2; }, QStringLiteral("two selected rows"), why))
        return false;
    actions->rollback(history->selectedTransactions());
    if (!visitActionDialog(QStringLiteral("rollback-dialog"), why))
        return false;
    actions->deleteSource(history->selectedTransactions().first());
    return visitActionDialog(QStringLiteral("delete-source-dialog"), why);
}

bool WindowTour::changeLedger(QString *why)
{
    // What a day of support work leaves: a rollback, a restore, and an adjustment above the
    // approval threshold, held for a second person.
    HistoryModel *model = m_window->historyView()->model();
    const QStringList rows{model->transaction(4).id, model->transaction(5).id};
    const QString user = m_userId;
    int done = 0;
    int failed = 0;
    const auto count = [&](const Result<LedgerChange> &change) { ++(change ? done : failed); };
    LedgerSession *session = m_window->session();
    session->mutate(
        m_window.get(), [rows](Ledger &l) { return l.rollback(rows, QStringLiteral("Duplicate award, ticket #4415")); },
        count);
    session->mutate(
        m_window.get(),
        [rows](Ledger &l) { return l.restore({rows.first()}, QStringLiteral("Not a duplicate after all")); }, count);
    session->mutate(
        m_window.get(),
        [user](Ledger &l) { return l.adjust(user, 5000, QStringLiteral("Tournament winner, ticket #4420")); }, count);
    if (!waitFor([&] { return done + failed == 3; }, QStringLiteral("the day's changes"), why))
        return false;
    if (failed > 0) {
        *why = QStringLiteral("%1 of the day's changes failed").arg(failed);
        return false;
    }
    m_window->actions()->restore(m_userId);
    return visitActionDialog(QStringLiteral("restore-dialog"), why);
}

bool WindowTour::views(QString *why)
{
    AuditLogView *audit = m_window->auditLogView();
    m_window->showView(audit);
    if (!waitFor([&] { return audit->model()->rowCount() > 3; }, QStringLiteral("the audit log"), why))
        return false;
    audit->table()->selectRow(0);
    visit(QStringLiteral("audit-log"), m_window.get());
    audit->verify();
    if (!waitFor([&] { return !audit->isVerifying(); }, QStringLiteral("Verify"), why, 60000))
        return false;
    visit(QStringLiteral("verify"), m_window.get());

    // Everyone's charts over the last 90 days.
    m_window->usersPane()->selectUser(QString());
    ChartsView *charts = m_window->chartsView();
    charts->rangeBar()->setPreset(ChartRangeBar::Preset::Last90Days);
    m_window->showView(charts);
    if (!waitFor([&] { return charts->hasData() && !charts->isLoading(); }, QStringLiteral("the charts"), why, 60000))
        return false;
    visit(QStringLiteral("charts"), m_window.get());

    PendingApprovalsView *approvals = m_window->approvalsView();
    m_window->showView(approvals);
    if (!waitFor([&] { return approvals->model()->rowCount() > 0; }, QStringLiteral("the held adjustment"), why))
        return false;
    approvals->table()->selectRow(0);
    visit(QStringLiteral("pending-approvals"), m_window.get());
    m_window->usersPane()->selectUser(m_userId);
    m_window->showView(m_window->historyView());
    return true;
}

bool WindowTour::standaloneDialogs(QString *)
{
    MemoryCredentialStore keychain;
    ConnectionDialog connection(m_window.get(), &keychain);
    ConnectionSpec server;
    server.backend = ConnectionSpec::Backend::Postgres;
    server.host = QStringLiteral("db.internal");
    server.port = 5432;
    server.database = QStringLiteral("app");
    server.user = QStringLiteral("support");
    connection.setSpec(server);
    connection.show();
    visit(QStringLiteral("connection-dialog"), &connection);
    connection.reject();

    AuditReportDialog report(m_window.get());
    report.setUserId(m_userId);
    report.show();
    visit(QStringLiteral("audit-report-dialog"), &report);
    report.reject();
    return true;
}

bool WindowTour::importWizard(QString *why)
{
    // A file of bulk adjustments for users of the ledger, first with a mistake on most lines.
    QStringList ids;
    for (int row = 0; row < 3; ++row)
        ids << m_window->usersPane()->model()->user(row).id;
    const auto write = [this](const QString &name, const QString &content) {
        QFile file(m_files.filePath(name));
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(content.toUtf8()) > 0;
        return ok ? file.fileName() : QString();
    };
    const QString problems = write(QStringLiteral("weekly-bonus.csv"),
                                   QStringLiteral("userId,amount,reason,category\n"
                                                  "%1,50,Weekly challenge bonus,ACHIEVEMENT\n"
                                                  "%2,abc,Weekly challenge bonus,\n"
                                                  "ghost-user,30,Weekly challenge bonus,\n"
                                                  "%3,20,,\n"
                                                  "%1,99999999999,Weekly challenge bonus,\n"
                                                  "%2,40,Weekly challenge bonus,BONUS\n")
                                       .arg(ids[0], ids[1], ids[2]));
    const QString good = write(QStringLiteral("weekly-bonus-fixed.csv"),
                               QStringLiteral("userId,amount,reason,category\n"
                                              "%1,50,Weekly challenge bonus,ACHIEVEMENT\n"
                                              "%2,40,Weekly challenge bonus,\n"
                                              "%3,-20,Correction of last week's bonus,\n")
                                   .arg(ids[0], ids[1], ids[2]));
    if (problems.isEmpty() || good.isEmpty()) {
        *why = QStringLiteral("cannot write the import files");
        return false;
    }

    // File > Import, so that the window reports the import as it does for a person.
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_I))
            action->trigger();
    }
    auto *wizard = m_window->findChild<ImportWizard *>();
    if (!wizard) {
        *why = QStringLiteral("File > Import did not open the wizard");
        return false;
    }
    QPointer<ImportWizard> alive(wizard);
    auto *choose = wizard->findChild<ImportChoosePage *>();
    choose->setKind(ImportKind::Adjust);
    choose->setFilePath(problems);
    visit(QStringLiteral("import-choose"), wizard);
    wizard->next();
    auto *problemList = wizard->findChild<QTableView *>(QStringLiteral("problemsTable"));
    if (!waitFor([&] { return problemList && problemList->model() && problemList->model()->rowCount() >= 4; },
                 QStringLiteral("the problems of the file"), why))
        return false;
    visit(QStringLiteral("import-preview-problems"), wizard);

    wizard->back();
    choose->setFilePath(good);
    wizard->next();
    if (!waitFor([&] { return wizard->currentPage()->isComplete(); }, QStringLiteral("the check of the file"), why))
        return false;
    visit(QStringLiteral("import-preview"), wizard);
    wizard->next();
    if (!waitFor(
            [&] { return wizard->currentId() == ImportWizard::SummaryPage && wizard->currentPage()->isComplete(); },
            QStringLiteral("the dry run"), why))
        return false;
    visit(QStringLiteral("import-summary"), wizard);
    wizard->next();
    visit(QStringLiteral("import-confirm"), wizard);
    wizard->next();
    if (!waitFor([&] { return wizard->currentId() == ImportWizard::ResultPage; }, QStringLiteral("the import"), why,
                 60000))
        return false;
    visit(QStringLiteral("import-result"), wizard);
    wizard->accept();
    if (!waitFor([&] { return !alive; }, QStringLiteral("the wizard to close"), why))
        return false;
    visit(QStringLiteral("imported"), m_window.get());
    return true;
}

bool WindowTour::helpWindows(QString *why)
{
    // Help > About, Keyboard Shortcuts and the manual, each found by the class the menu opens.
    const auto open = [&](const QString &text, const char *className, const QString &stop) {
        for (QAction *action : m_window->findChildren<QAction *>()) {
            if (action->menu() == nullptr && action->text() == text) {
                action->trigger();
                break;
            }
        }
        QWidget *shown = nullptr;
        const bool opened = QTest::qWaitFor(
            [&] {
                for (QWidget *widget : QApplication::topLevelWidgets()) {
                    if (widget->isVisible() && widget->inherits(className))
                        shown = widget;
                }
                return shown != nullptr;
            },
            5000);
        if (!opened) {
            *why = QStringLiteral("%1 did not open").arg(stop);
            return false;
        }
        QTest::qWait(SettleMs);
        m_visit(stop, shown);
        shown->close();
        return true;
    };
    return open(MainWindow::tr("&About XP Admin"), "AboutDialog", QStringLiteral("about"))
        && open(MainWindow::tr("&Keyboard Shortcuts"), "ShortcutsDialog", QStringLiteral("shortcuts"))
        && open(MainWindow::tr("XP Admin &Manual"), "HelpWindow", QStringLiteral("manual"));
}

bool WindowTour::languageMessage(QString *why)
{
    // View > Language: the choice takes effect at the next start, and the status bar says so.
    QMenu *languages = nullptr;
    for (QMenu *menu : m_window->menuBar()->findChildren<QMenu *>()) {
        if (menu->title() == MainWindow::tr("&Language"))
            languages = menu;
    }
    QAction *choice = languages ? languages->actions().value(1) : nullptr;
    if (!choice) {
        *why = QStringLiteral("View > Language has no languages");
        return false;
    }
    choice->trigger();
    visit(QStringLiteral("language-message"), m_window.get());
    return true;
}
