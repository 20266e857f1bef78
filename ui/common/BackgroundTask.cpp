#include "ui/common/BackgroundTask.h"

#include "ui/common/MessageBox.h"

#include <QProgressDialog>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace {

constexpr int ProgressPollMs = 100;
constexpr int DefaultShowAfterMs = 400;

} // namespace

// Written by the job on the worker thread, read by the dialog on the GUI thread.
struct BackgroundTask::State
{
    std::atomic<qint64> done{0};
    std::atomic<qint64> total{-1}; // not known yet
    CancelToken cancel;
    std::mutex waitMutex;
    QString waitText; // what the job waits for, told by the connection
};

BackgroundTask::BackgroundTask(QWidget *view, const QString &title, Label label)
    : QObject(view),
      m_view(view),
      m_label(std::move(label)),
      m_state(std::make_shared<State>()),
      m_dialog(new QProgressDialog(m_label(0, -1), tr("Cancel"), 0, 0, view))
{
    m_dialog->setWindowTitle(title);
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(DefaultShowAfterMs);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, this, [this] {
        m_state->cancel.cancel();
        if (m_dialog)
            m_dialog->setLabelText(tr("Cancelling…"));
    });
    auto *timer = new QTimer(m_dialog);
    connect(timer, &QTimer::timeout, this, &BackgroundTask::poll);
    timer->start(ProgressPollMs);
}

BackgroundTask::~BackgroundTask()
{
    // A job still running stops at its next check; its result is dropped with this task.
    m_state->cancel.cancel();
}

void BackgroundTask::setShowAfter(int milliseconds)
{
    m_dialog->setMinimumDuration(milliseconds);
    if (milliseconds == 0)
        m_dialog->show();
}

void BackgroundTask::setFailureReport(Severity severity, const QString &title, FailureText text)
{
    m_severity = severity;
    m_failureTitle = title;
    m_failureText = std::move(text);
}

BackgroundTask::Progress BackgroundTask::progress() const
{
    return [state = m_state](qint64 done, qint64 total) {
        state->total.store(total);
        state->done.store(done);
        return !state->cancel.isCancelled();
    };
}

CancelToken BackgroundTask::cancelToken() const
{
    return m_state->cancel;
}

std::function<void(const QString &)> BackgroundTask::waitObserver() const
{
    return [state = m_state](const QString &text) {
        const std::lock_guard lock(state->waitMutex);
        state->waitText = text;
    };
}

void BackgroundTask::poll()
{
    if (!m_dialog || m_closed || m_state->cancel.isCancelled())
        return;
    QString waiting;
    {
        const std::lock_guard lock(m_state->waitMutex);
        waiting = m_state->waitText;
    }
    const qint64 done = m_state->done.load();
    const qint64 total = m_state->total.load();
    if (total > 0) {
        // QProgressDialog counts in int: scale large counts down.
        const qint64 scale = total > 1'000'000'000 ? 1000 : 1;
        m_dialog->setMaximum(int(total / scale));
        m_dialog->setValue(int(std::min(done, total) / scale));
    }
    // A wait for another program is shown at once, whatever the progress: it may be long.
    m_dialog->setLabelText(waiting.isEmpty() ? m_label(done, total) : m_label(done, total) + u'\n' + waiting);
    if (!waiting.isEmpty() && !m_dialog->isVisible())
        m_dialog->show();
}

void BackgroundTask::closeDialog()
{
    m_closed = true;
    if (!m_dialog)
        return;
    m_dialog->hide();
    m_dialog->deleteLater();
}

void BackgroundTask::reportFailure(const Error &error)
{
    if (error.kind == Error::Kind::Cancelled) {
        emit cancelled(error.message);
        return;
    }
    const QString text = m_failureText ? m_failureText(error.message) : error.message;
    if (m_severity == Severity::Warning)
        MessageBox::warning(m_view, m_failureTitle, text);
    else
        MessageBox::critical(m_view, m_failureTitle, text);
    emit failed(error.message);
}
