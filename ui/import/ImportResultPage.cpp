#include "ui/import/ImportResultPage.h"

#include "core/import/ImportJob.h"
#include "models/ImportText.h"
#include "ui/common/InlineMessage.h"
#include "ui/import/ImportWizard.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

ImportResultPage::ImportResultPage(ImportWizard *wizard)
    : QWizardPage(wizard),
      m_wizard(wizard),
      m_outcome(new InlineMessage(this)),
      m_figuresBox(new QWidget(this)),
      m_figures(new QFormLayout(m_figuresBox)),
      m_note(new QLabel(this))
{
    setTitle(tr("Result"));
    setFinalPage(true);
    m_outcome->setObjectName(QStringLiteral("resultMessage"));
    m_figures->setContentsMargins(0, 0, 0, 0);
    m_figures->setLabelAlignment(Qt::AlignLeft);
    m_figures->setHorizontalSpacing(24);
    m_note->setObjectName(QStringLiteral("resultNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(14);
    layout->addWidget(m_outcome);
    layout->addWidget(m_figuresBox);
    layout->addWidget(m_note);
    layout->addStretch(1);
}

void ImportResultPage::addFigure(const QString &name, const QString &value)
{
    auto *label = new QLabel(value, m_figuresBox);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_figures->addRow(name, label);
}

void ImportResultPage::initializePage()
{
    const ImportJob *run = m_wizard->realRun();
    while (m_figures->rowCount() > 0)
        m_figures->removeRow(0);
    m_note->clear();
    if (!run || !run->isFinished()) {
        m_outcome->showMessage(InlineMessage::Kind::Error, tr("The import did not run. Nothing was changed."));
        return;
    }
    if (!run->succeeded()) {
        const Error &error = run->result()->error();
        setSubTitle(error.kind == Error::Kind::Cancelled ? tr("Cancelled") : tr("Failed"));
        m_outcome->showMessage(error.kind == Error::Kind::Cancelled ? InlineMessage::Kind::Warning
                                                                    : InlineMessage::Kind::Error,
                               error.kind == Error::Kind::Cancelled
                                   ? tr("The import was cancelled. Nothing was changed: the database is as it "
                                        "was before.")
                                   : ImportText::failure(error));
        return;
    }
    const ImportReport &report = *run->report();
    if (!report.applied) {
        // The database changed between the check and the import.
        setSubTitle(tr("Nothing written"));
        QString why;
        if (!report.alreadyImported.isEmpty())
            why = tr("This file was imported meanwhile (%1).").arg(report.alreadyImported);
        else if (report.hasProblems())
            why = tr("The database changed after the check: %1").arg(report.problems.value(0).message);
        else
            why = tr("There was nothing to write.");
        m_outcome->showMessage(InlineMessage::Kind::Warning, tr("%1 Nothing was changed.").arg(why));
        return;
    }
    setSubTitle(tr("Imported"));
    QString outcome
        = tr("Imported: %1 transactions for %2 users, in batch %3.")
              .arg(ImportText::number(report.transactions), ImportText::number(report.users), report.batchId);
    if (report.held > 0)
        outcome += QLatin1Char(' ')
            + (report.heldByLimits()
                   ? tr("%1 adjustments above the approval threshold or your limits wait for another admin in "
                        "Pending Approvals.")
                   : tr("%1 adjustments above the approval threshold wait for another admin in Pending Approvals."))
                  .arg(ImportText::number(report.held));
    m_outcome->showMessage(InlineMessage::Kind::Info, outcome);
    const bool legacy = report.kind != ImportKind::Adjust;
    addFigure(tr("Batch:"), report.batchId);
    addFigure(tr("Rows read:"), ImportText::number(report.rowsRead));
    addFigure(tr("Transactions written:"), ImportText::number(report.transactions));
    addFigure(
        tr("Users:"),
        report.usersCreated > 0
            ? tr("%1, of whom %2 new").arg(ImportText::number(report.users), ImportText::number(report.usersCreated))
            : ImportText::number(report.users));
    if (!legacy)
        addFigure(tr("Held for approval:"), ImportText::held(report));
    addFigure(legacy ? tr("Legacy grand total:") : tr("Their total before:"), ImportText::number(report.totalBefore));
    addFigure(legacy ? tr("Ledger total after:") : tr("Their total after:"), ImportText::number(report.totalAfter));
    addFigure(tr("Time:"),
              tr("%1 (%2 rows/s)")
                  .arg(ImportText::duration(report.milliseconds), ImportText::number(qint64(report.rowsPerSecond()))));
    m_note->setText(tr("Every transaction is in the audit log under %1; the views show it now.").arg(report.batchId));
}

QString ImportResultPage::resultText() const
{
    QStringList lines{m_outcome->text()};
    for (int row = 0; row < m_figures->rowCount(); ++row) {
        const auto *name = qobject_cast<QLabel *>(m_figures->itemAt(row, QFormLayout::LabelRole)->widget());
        const auto *value = qobject_cast<QLabel *>(m_figures->itemAt(row, QFormLayout::FieldRole)->widget());
        lines << name->text() + QLatin1Char(' ') + value->text();
    }
    if (!m_note->text().isEmpty())
        lines << m_note->text();
    return lines.join(QLatin1Char('\n'));
}
