#include "ui/main/DatabaseOpener.h"

#include "core/import/ImportJobs.h"
#include "core/session/LedgerSession.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"
#include "ui/main/ConnectionDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/RecentDatabases.h"
#include "ui/main/WaitSetting.h"

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

void DatabaseOpener::open(const ConnectionSpec &requested, bool demo)
{
    // A PostgreSQL URL without a password (a recent database, --db): the keychain's, if saved.
    const ConnectionSpec spec = ConnectionDialog::withSavedPassword(requested);
    m_window->statusBar()->showMessage(tr("Opening %1…").arg(spec.displayName()));
    m_opening = std::make_unique<LedgerSession>(spec, m_operator);
    m_opening->setWaitLimit(WaitSetting::milliseconds());
    LedgerSession *opening = m_opening.get();
    opening->open(this, [this, opening, spec, demo](const Status &status) {
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
                open(dialog.spec());
            else
                emit opened(false);
            return;
        }
        if (!status) {
            m_opening.reset();
            m_window->statusBar()->clearMessage();
            LedgerSession *current = m_window->session();
            MessageBox::critical(
                m_window, tr("Cannot Open Database"),
                tr("%1\n\nNothing was changed.%2")
                    .arg(status.error().message,
                         current ? tr(" %1 stays open.").arg(current->spec().displayName()) : QString()));
            emit opened(false);
            return;
        }
        RecentDatabases::add(spec.displayName());
        QSettings().setValue(LastDatabaseKey, spec.displayName());
        m_install(std::move(m_opening));
        m_window->statusBar()->showMessage(tr("Opened %1").arg(spec.displayName()), 5000);
        if (demo)
            fillDemoData();
        emit opened(true);
    });
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
        open(*spec);
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
