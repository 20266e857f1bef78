#include "core/import/ImportJob.h"

#include "core/session/LedgerSession.h"

#include <QCryptographicHash>
#include <QFile>

namespace {

// The SHA-256 of a file, or an empty string when it cannot be read.
QString fileSha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

ImportJob::ImportJob(LedgerSession *session, ImportKind kind, const QString &path, bool dryRun,
                     const QString &expectedSha256, QObject *parent)
    : QObject(parent),
      m_session(session),
      m_kind(kind),
      m_path(path),
      m_dryRun(dryRun),
      m_expectedSha256(expectedSha256),
      m_shared(std::make_shared<Shared>())
{ }

ImportJob::~ImportJob()
{
    m_cancel.cancel();
}

void ImportJob::start()
{
    if (m_running || isFinished())
        return;
    m_running = true;
    m_shared->clock.start();
    const std::shared_ptr<Shared> shared = m_shared;
    const CancelToken cancel = m_cancel;
    const BatchImporter::Progress progress = [shared, cancel](BatchImporter::Phase phase, qint64 done, qint64 total) {
        const int phaseValue = static_cast<int>(phase);
        if (shared->phase.load() != phaseValue)
            shared->phaseStart.store(shared->clock.elapsed());
        shared->total.store(total);
        shared->done.store(done);
        shared->phase.store(phaseValue);
        return !cancel.isCancelled();
    };
    m_session->background()->post<ImportReport>(
        this,
        [kind = m_kind, path = m_path, dryRun = m_dryRun, expected = m_expectedSha256, progress,
         cancel](Database &db) -> Result<ImportReport> {
            if (cancel.isCancelled())
                return Error::cancelled(tr("Import cancelled; nothing was changed"));
            BatchImporter importer(db);
            if (kind == ImportKind::Profiles)
                return importer.importProfiles(dryRun, progress);
            if (!expected.isEmpty() && fileSha256(path) != expected)
                return Error::conflict(tr("The file changed after it was checked. Go back and check it again; "
                                          "nothing was changed."));
            return importer.importFile(kind, path, dryRun, progress);
        },
        [this](const Result<ImportReport> &result) {
            m_running = false;
            m_result = result;
            emit finished();
        });
}

void ImportJob::cancel()
{
    m_cancel.cancel();
}

ImportJob::Progress ImportJob::progress() const
{
    Progress progress;
    const int phase = m_shared->phase.load();
    if (phase < 0)
        return progress;
    progress.started = true;
    progress.phase = static_cast<BatchImporter::Phase>(phase);
    progress.done = m_shared->done.load();
    progress.total = m_shared->total.load();
    progress.phaseMilliseconds = m_shared->clock.elapsed() - m_shared->phaseStart.load();
    return progress;
}
