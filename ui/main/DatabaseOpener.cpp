#include "ui/main/DatabaseOpener.h"

#include "core/db/Schema.h"
#include "core/import/ImportJobs.h"
#include "core/session/LedgerSession.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"
#include "ui/main/ConnectionDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/ReadStandbySetting.h"
#include "ui/main/RecentDatabases.h"
#include "ui/main/WaitSetting.h"

#include <QDir>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>

namespace {

const QString LastDatabaseKey = QStringLiteral("lastDatabase");

} // namespace

DatabaseOpener::DatabaseOpener(MainWindow *window, QString operatorName, Install install)
    : QObject(window), m_window(window), m_operator(std::move(operatorName)), m_install(std::move(install))
{ }

DatabaseOpener::~DatabaseOpener() = default;

void DatabaseOpener::open(const ConnectionSpec &requested, bool demo, bool create,
                          const std::optional<ConnectionSpec> &readStandby)
{
    // A PostgreSQL URL without a password (a recent database, --db): the keychain's, if saved.
    const ConnectionSpec spec = ConnectionDialog::withSavedPassword(requested);
    m_window->statusBar()->showMessage(tr("Opening %1…").arg(spec.displayName()));
    m_opening = std::make_unique<LedgerSession>(spec, m_operator,
                                                create ? Database::OpenMode::Create : Database::OpenMode::ReadWrite);
    m_opening->setWaitLimit(WaitSetting::milliseconds());
    // The heavy reading goes to the standby chosen for this database, if any.
    if (readStandby)
        m_opening->setReadStandby(ConnectionDialog::withSavedPassword(*readStandby));
    else if (const auto standby = ConnectionSpec::parse(ReadStandbySetting::forDatabase(spec.displayName()));
             standby && spec.backend == ConnectionSpec::Backend::Postgres && !standby->database.isEmpty())
        m_opening->setReadStandby(ConnectionDialog::withSavedPassword(*standby));
    LedgerSession *opening = m_opening.get();
    opening->open(this, [this, opening, spec, demo, create, readStandby](const Status &status) {
        if (m_opening.get() != opening)
            return; // another database was chosen meanwhile
        if (!status && ConnectionDialog::needsPassword(spec, status.error())) {
            // The server wants a password (or another one): ask for it, saying why.
            const ConnectionSpec retry = spec;
            const QString problem = status.error().message;
            m_opening.reset();
            m_window->statusBar()->clearMessage();
            ConnectionDialog dialog(m_window);
            dialog.setSpec(retry);
            dialog.showProblem(problem);
            if (dialog.exec() == QDialog::Accepted)
                open(dialog.spec(), false, false, readStandby);
            else
                emit opened(false);
            return;
        }
        if (!status) {
            fail(status.error().message);
            return;
        }
        if (opening->needsLedger())
            createLedger(spec, demo, create);
        else
            install(spec, demo);
    });
}

void DatabaseOpener::createLedger(const ConnectionSpec &spec, bool demo, bool create)
{
    LedgerSession *opening = m_opening.get();
    const QString where
        = spec.backend == ConnectionSpec::Backend::Sqlite ? QDir::toNativeSeparators(spec.path) : spec.displayName();
    if (opening->isReadOnly()) {
        fail(tr("%1 holds no XP ledger, and none can be made there: it is read-only (%2).")
                 .arg(where, opening->readOnlyReason()));
        return;
    }
    const QStringList others = opening->otherTables();
    if (!create || !others.isEmpty() || opening->hasLedgerTables()) {
        const QString question = opening->hasLedgerTables()
            ? tr("%1 holds the web app's ledger tables, but not XP Admin's audit log.\n\nAdd XP Admin's tables? The "
                 "web app's tables stay as they are.")
                  .arg(where)
            : others.isEmpty()
            ? tr("%1 holds no XP ledger.\n\nCreate a new ledger in it?").arg(where)
            : tr("%1 belongs to another application: it holds the tables %2, and no XP ledger.\n\nAdd an XP "
                 "ledger to this database, beside those tables? They stay as they are.")
                  .arg(where, Schema::describeTables(others));
        if (MessageBox::question(m_window, tr("Create Ledger"), question, QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel)
            != QMessageBox::Yes) {
            m_opening.reset();
            m_window->statusBar()->showMessage(tr("Nothing was changed in %1").arg(where), 5000);
            emit opened(false);
            return;
        }
    }
    opening->createLedger(this, [this, opening, spec, demo](const Status &status) {
        if (m_opening.get() != opening)
            return;
        if (!status)
            fail(status.error().message);
        else
            install(spec, demo);
    });
}

void DatabaseOpener::install(const ConnectionSpec &spec, bool demo)
{
    RecentDatabases::add(spec.displayName());
    QSettings().setValue(LastDatabaseKey, spec.displayName());
    m_install(std::move(m_opening));
    m_window->statusBar()->showMessage(tr("Opened %1").arg(spec.displayName()), 5000);
    if (demo)
        fillDemoData();
    emit opened(true);
}

void DatabaseOpener::fail(const QString &problem)
{
    m_opening.reset();
    m_window->statusBar()->clearMessage();
    LedgerSession *current = m_window->session();
    MessageBox::critical(
        m_window, tr("Cannot Open Database"),
        tr("%1\n\nNothing was changed.%2")
            .arg(problem, current ? tr(" %1 stays open.").arg(current->spec().displayName()) : QString()));
    emit opened(false);
}

void DatabaseOpener::fillDemoData()
{
    auto *task
        = new BackgroundTask(m_window, tr("Demo Database"), [](qint64, qint64) { return tr("Creating demo data…"); });
    QProgressDialog *progress = task->dialog();
    progress->setWindowModality(Qt::NonModal);
    progress->setRange(0, 100); // an empty bar until the generator reports
    task->setShowAfter(300);
    progress->setValue(0);
    task->setFailureReport(BackgroundTask::Severity::Critical, tr("Demo Database"));
    task->post<qint64>(m_window->session()->background(),
                       ImportJobs::demoData(DemoOptions{200, 25000, 120, 42}, task->progress()),
                       [window = m_window](const Result<qint64> &made) {
                           if (!made || *made == 0)
                               return;
                           window->statusBar()->showMessage(tr("Demo data created: %L1 transactions").arg(*made), 8000);
                           window->session()->announceChange();
                       });
}

void DatabaseOpener::newDatabase()
{
    const QString file = FileDialog::getSaveFileName(
        m_window, tr("New Ledger Database"), QStringLiteral("ledger.sqlite"),
        tr("SQLite databases (*.sqlite *.db);;All files (*)"), QStringLiteral("database"));
    if (file.isEmpty())
        return;
    if (auto spec = ConnectionSpec::parse(file))
        open(*spec, false, true);
}

void DatabaseOpener::openFile()
{
    const QString file = FileDialog::getOpenFileName(m_window, tr("Open Ledger Database"),
                                                     tr("SQLite databases (*.sqlite *.db);;All files (*)"),
                                                     QStringLiteral("database"));
    if (file.isEmpty())
        return;
    if (auto spec = ConnectionSpec::parse(file))
        open(*spec);
}

void DatabaseOpener::connectToPostgres(const ConnectionSpec &prefill)
{
    ConnectionDialog dialog(m_window);
    if (prefill.backend == ConnectionSpec::Backend::Postgres)
        dialog.setSpec(prefill);
    if (dialog.exec() == QDialog::Accepted)
        open(dialog.spec());
}

void DatabaseOpener::openRecent(const QString &location)
{
    auto spec = ConnectionSpec::parse(location);
    if (!spec) {
        RecentDatabases::remove(location);
        MessageBox::warning(m_window, tr("Open Recent"), spec.error().message);
        return;
    }
    open(*spec);
}
