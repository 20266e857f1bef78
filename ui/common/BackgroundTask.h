#pragma once

#include "core/db/Job.h"
#include "core/domain/CancelToken.h"
#include "core/domain/Result.h"
#include "core/session/DatabaseWorker.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>

#include <functional>
#include <memory>

class QWidget;

// Long work of a view: posts one core job to a worker, shows its progress in a dialog with
// Cancel while it runs, and then tells the person when it failed (a cancel is only announced,
// for a status bar). The dialog and the task are the view's children, so a view that goes away
// cancels its job and drops the result. The task deletes itself once the result is handed on.
class BackgroundTask final : public QObject
{
    Q_OBJECT

public:
    // Called by the job on the worker thread: (done, total), total < 0 while not known yet.
    // Returns false once the person has cancelled.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    // The dialog's text for (done, total).
    using Label = std::function<QString(qint64 done, qint64 total)>;
    // The text of the failure box for an error's message.
    using FailureText = std::function<QString(const QString &message)>;
    enum class Severity { Warning, Critical };

    // A window-modal dialog titled title, shown when the work takes longer than a moment.
    BackgroundTask(QWidget *view, const QString &title, Label label);
    ~BackgroundTask() override;

    // The dialog, for its name, size or modality, before the job is posted.
    QProgressDialog *dialog() const { return m_dialog; }
    // Shows the dialog when the work takes longer than this; 0 shows it at once.
    void setShowAfter(int milliseconds);
    // How a failure other than a cancel is told: a box with this title and text (the error's
    // message as it is, unless text says otherwise).
    void setFailureReport(Severity severity, const QString &title, FailureText text = {});

    // For the job: reports progress and asks whether to go on.
    Progress progress() const;

    // Runs job on worker, then done(result) on the GUI thread once the dialog has gone, and then
    // tells a failure: cancelled(message) for a cancel, else the box and failed(message). While
    // the job waits for a lock another program holds, the dialog says so; Cancel ends the wait.
    template<typename T>
    void post(DatabaseWorker *worker, Job<T> job, std::function<void(const Result<T> &)> done)
    {
        worker->post<T>(this, std::move(job), cancelToken(), waitObserver(), finisher(std::move(done)));
    }

    // As post(), for reading that may run on the session's standby (DatabaseWorker::postRead).
    template<typename T>
    void postRead(DatabaseWorker *worker, Job<T> job, std::function<void(const Result<T> &)> done)
    {
        worker->postRead<T>(this, std::move(job), cancelToken(), waitObserver(), finisher(std::move(done)));
    }

signals:
    // The person cancelled and the job stopped; message says so.
    void cancelled(const QString &message);
    // The job failed; emitted after the box was shown.
    void failed(const QString &message);

private:
    template<typename T>
    std::function<void(const Result<T> &)> finisher(std::function<void(const Result<T> &)> done)
    {
        return [this, done = std::move(done)](const Result<T> &result) {
            closeDialog();
            done(result);
            if (!result)
                reportFailure(result.error());
            deleteLater();
        };
    }
    struct State;

    CancelToken cancelToken() const;
    std::function<void(const QString &)> waitObserver() const;

    void poll();
    void closeDialog();
    void reportFailure(const Error &error);

    QWidget *m_view;
    Label m_label;
    std::shared_ptr<State> m_state; // shared with the job on the worker thread
    QPointer<QProgressDialog> m_dialog; // owned by the view
    bool m_closed = false;
    Severity m_severity = Severity::Critical;
    QString m_failureTitle;
    FailureText m_failureText;
};
