#pragma once

#include "core/domain/CancelToken.h"
#include "core/domain/Result.h"
#include "core/import/BatchImporter.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class LedgerSession;

// One import (a dry run or the real one) on the session's background worker. The worker only
// writes a few atomics that the GUI polls (progress()), so no pointer to a widget ever crosses
// threads; cancel() makes the importer's progress callback return false, and the importer then
// changes nothing. Deleting the job cancels it and drops its result.
class ImportJob final : public QObject
{
    Q_OBJECT

public:
    struct Progress
    {
        bool started = false; // false until the importer reported anything
        BatchImporter::Phase phase = BatchImporter::Phase::Reading;
        qint64 done = 0;
        qint64 total = 0; // -1 when unknown
        qint64 phaseMilliseconds = 0; // time spent in this phase so far
    };

    // expectedSha256, when set, refuses a file whose bytes are no longer the ones checked.
    ImportJob(LedgerSession *session, ImportKind kind, const QString &path, bool dryRun,
              const QString &expectedSha256 = {}, QObject *parent = nullptr);
    ~ImportJob() override;

    ImportKind kind() const { return m_kind; }
    QString path() const { return m_path; }
    bool isDryRun() const { return m_dryRun; }

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelRequested() const { return m_cancel.isCancelled(); }
    bool isFinished() const { return m_result.has_value(); }
    // Set once finished.
    const std::optional<Result<ImportReport>> &result() const { return m_result; }
    // Whether it finished with a report (which may still list problems).
    bool succeeded() const { return m_result && m_result->ok(); }
    const ImportReport *report() const { return succeeded() ? &m_result->value() : nullptr; }

    Progress progress() const;

signals:
    void finished();

private:
    struct Shared
    {
        QElapsedTimer clock; // started before the job is posted, only read afterwards
        std::atomic<int> phase{-1};
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
        std::atomic<qint64> phaseStart{0};
    };

    LedgerSession *m_session;
    ImportKind m_kind;
    QString m_path;
    bool m_dryRun;
    QString m_expectedSha256;
    CancelToken m_cancel;
    std::shared_ptr<Shared> m_shared;
    bool m_running = false;
    std::optional<Result<ImportReport>> m_result;
};
