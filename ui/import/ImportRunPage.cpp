#include "ui/import/ImportRunPage.h"

#include "core/import/ImportJob.h"
#include "ui/import/ImportProgressPanel.h"
#include "ui/import/ImportWizard.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

ImportRunPage::ImportRunPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_note(new QLabel(this)), m_progress(new ImportProgressPanel(false, this))
{
    setTitle(tr("Importing"));
    setSubTitle(tr("Writing the batch in one database transaction."));
    setButtonText(QWizard::CancelButton, tr("&Cancel Import"));
    m_note->setObjectName(QStringLiteral("runNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setText(tr("Cancel Import (or Esc) stops it; nothing is written unless all of it is."));
    m_progress->setObjectName(QStringLiteral("runProgress"));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(14);
    layout->addWidget(m_progress);
    layout->addWidget(m_note);
    layout->addStretch(1);
}

void ImportRunPage::initializePage()
{
    m_wizard->startRealRun();
    ImportJob *run = m_wizard->realRun();
    m_progress->setJob(run);
    connect(run, &ImportJob::finished, this, &ImportRunPage::runFinished);
}

bool ImportRunPage::isComplete() const
{
    const ImportJob *run = m_wizard->realRun();
    return run && run->isFinished();
}

void ImportRunPage::runFinished()
{
    emit completeChanged();
    if (m_wizard->currentPage() == this)
        m_wizard->next();
}
