#include "ui/import/ImportProgressPanel.h"

#include "core/import/ImportJob.h"
#include "models/ImportText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

ImportProgressPanel::ImportProgressPanel(bool withCancelButton, QWidget *parent)
    : QWidget(parent), m_status(new QLabel(this)), m_bar(new QProgressBar(this)), m_timer(new QTimer(this))
{
    m_status->setObjectName(QStringLiteral("progressStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_bar->setObjectName(QStringLiteral("progressBar"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    if (withCancelButton) {
        m_cancel = new QPushButton(tr("&Stop Checking"), this);
        m_cancel->setObjectName(QStringLiteral("progressCancel"));
        m_cancel->setAutoDefault(false); // Return stays the wizard's Next
        m_cancel->setToolTip(tr("Stop the check; nothing is changed either way"));
        row->addWidget(m_cancel);
        connect(m_cancel, &QPushButton::clicked, this, [this] {
            if (m_job)
                m_job->cancel();
            refresh();
        });
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addLayout(row);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &ImportProgressPanel::refresh);
    hide();
}

void ImportProgressPanel::setJob(ImportJob *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    if (m_job)
        connect(m_job, &ImportJob::finished, this, &ImportProgressPanel::refresh);
    refresh();
}

QString ImportProgressPanel::statusText() const
{
    return m_status->text();
}

void ImportProgressPanel::refresh()
{
    const bool running = m_job && m_job->isRunning();
    setVisible(running);
    if (!running) {
        m_timer->stop();
        return;
    }
    if (!m_timer->isActive())
        m_timer->start();
    const ImportJob::Progress progress = m_job->progress();
    if (m_job->isCancelRequested()) {
        m_status->setText(tr("Cancelling… nothing will be changed."));
        if (m_cancel)
            m_cancel->setEnabled(false);
        return;
    }
    if (m_cancel)
        m_cancel->setEnabled(true);
    m_status->setText(ImportText::progress(progress));
    if (!progress.started || progress.total <= 0) {
        m_bar->setRange(0, 0); // busy, how long is not known yet
        return;
    }
    m_bar->setRange(0, 1000);
    // Each phase's share of the whole, about as measured: writing (rows, audit events, new
    // users) takes most of a real run.
    const double fraction
        = std::clamp(static_cast<double>(progress.done) / static_cast<double>(progress.total), 0.0, 1.0);
    double start = 0.0;
    double share = 0.0;
    switch (progress.phase) {
    case BatchImporter::Phase::Reading:
        share = m_job->isDryRun() ? 0.4 : 0.1;
        break;
    case BatchImporter::Phase::Checking:
        start = m_job->isDryRun() ? 0.4 : 0.1;
        share = m_job->isDryRun() ? 0.6 : 0.2;
        break;
    case BatchImporter::Phase::Writing:
        start = 0.3;
        share = 0.7;
        break;
    }
    m_bar->setValue(static_cast<int>(1000.0 * (start + share * fraction)));
}
