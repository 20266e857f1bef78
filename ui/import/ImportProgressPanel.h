#pragma once

#include <QPointer>
#include <QWidget>

class ImportJob;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

// The progress of a running import: phase, done of total and rows per second, read from the
// job ten times a second; an optional Cancel button. Hidden when no job runs.
class ImportProgressPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ImportProgressPanel(bool withCancelButton, QWidget *parent = nullptr);

    // Follows this job (nullptr: none) until it finishes.
    void setJob(ImportJob *job);
    QString statusText() const;

private:
    void refresh();

    QPointer<ImportJob> m_job;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_cancel = nullptr;
    QTimer *m_timer;
};
