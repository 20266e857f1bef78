#include "ui/import/ImportConfirmPage.h"

#include "core/import/ImportJob.h"
#include "models/ImportText.h"
#include "ui/import/ImportWizard.h"

#include <QLabel>
#include <QVBoxLayout>

ImportConfirmPage::ImportConfirmPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_sentence(new QLabel(this)), m_details(new QLabel(this))
{
    setTitle(tr("Confirm"));
    setSubTitle(tr("The last step before anything is written."));
    // Past this page there is no going back: the import runs, then says what it did.
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));

    m_sentence->setObjectName(QStringLiteral("confirmText"));
    m_sentence->setWordWrap(true);
    m_sentence->setTextFormat(Qt::PlainText);
    QFont larger = m_sentence->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.25);
    larger.setBold(true);
    m_sentence->setFont(larger);
    m_details->setObjectName(QStringLiteral("confirmDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(14);
    layout->addWidget(m_sentence);
    layout->addWidget(m_details);
    layout->addStretch(1);
}

void ImportConfirmPage::initializePage()
{
    const ImportJob *check = m_wizard->dryRun();
    const ImportReport *report = check ? check->report() : nullptr;
    if (!report)
        return;
    const QString batch
        = report->kind == ImportKind::Profiles ? tr("a new batch") : tr("batch %1").arg(report->batchId);
    m_sentence->setText(tr("Write %1 transactions for %2 users (%3)? This is one transaction: all or nothing.")
                            .arg(ImportText::number(report->transactions), ImportText::number(report->users), batch));
    QString details = report->kind == ImportKind::Profiles
        ? tr("From: the UserProfile table (%1).").arg(ImportText::kindTitle(report->kind))
        : tr("From: %1 (%2).").arg(report->fileName, ImportText::kindTitle(report->kind));
    if (report->usersCreated > 0)
        details += QLatin1Char(' ') + tr("%1 new users are created.").arg(ImportText::number(report->usersCreated));
    if (report->held > 0)
        details += QLatin1Char(' ')
            + (report->heldByLimits()
                   ? tr("%1 adjustments above the approval threshold or your limits are not applied: they become "
                        "pending requests for another admin to approve.")
                   : tr("%1 adjustments above the approval threshold are not applied: they become pending requests "
                        "for another admin to approve."))
                  .arg(ImportText::number(report->held));
    details += QStringLiteral("\n\n")
        + tr("Press Import to write. Cancel stops the import while it runs; until it completes, nothing is "
             "written. Every transaction is recorded in the audit log under the batch id.");
    m_details->setText(details);
}

QString ImportConfirmPage::sentence() const
{
    return m_sentence->text();
}
