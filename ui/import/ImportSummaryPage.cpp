#include "ui/import/ImportSummaryPage.h"

#include "core/import/ImportJob.h"
#include "models/CategoryPalette.h"
#include "models/ImportEffectModel.h"
#include "models/ImportProblemModel.h"
#include "models/ImportText.h"
#include "ui/actions/AmountDelegate.h"
#include "ui/common/InlineMessage.h"
#include "ui/import/ImportProgressPanel.h"
#include "ui/import/ImportWizard.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

} // namespace

ImportSummaryPage::ImportSummaryPage(ImportWizard *wizard)
    : QWizardPage(wizard),
      m_wizard(wizard),
      m_progress(new ImportProgressPanel(true, this)),
      m_message(new InlineMessage(this)),
      m_figuresBox(new QWidget(this)),
      m_figures(new QFormLayout(m_figuresBox)),
      m_effectsCaption(new QLabel(this)),
      m_effects(new ImportEffectModel(this)),
      m_effectsView(makeTable(m_effects, QStringLiteral("effectsTable"), this)),
      m_problems(new ImportProblemModel(this)),
      m_problemsView(makeTable(m_problems, QStringLiteral("summaryProblemsTable"), this))
{
    setTitle(tr("What the Import Would Do"));
    setSubTitle(tr("A dry run: every row was checked against the database, and nothing was changed."));

    m_progress->setObjectName(QStringLiteral("summaryProgress"));
    m_message->setObjectName(QStringLiteral("summaryMessage"));
    m_message->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // never taller than its text
    m_figures->setContentsMargins(0, 0, 0, 0);
    m_figures->setLabelAlignment(Qt::AlignLeft);
    m_figures->setHorizontalSpacing(24);
    m_batch = addFigure(QStringLiteral("batchValue"));
    m_figures->addRow(tr("Batch:"), m_batch);
    m_rows = addFigure(QStringLiteral("rowsValue"));
    m_figures->addRow(tr("Rows read:"), m_rows);
    m_transactions = addFigure(QStringLiteral("transactionsValue"));
    m_figures->addRow(tr("Transactions to write:"), m_transactions);
    m_users = addFigure(QStringLiteral("usersValue"));
    m_figures->addRow(tr("Users:"), m_users);
    m_held = addFigure(QStringLiteral("heldValue"));
    m_figures->addRow(tr("Held for approval:"), m_held);
    m_totalBeforeName = new QLabel(this);
    m_totalBefore = addFigure(QStringLiteral("totalBeforeValue"));
    m_figures->addRow(m_totalBeforeName, m_totalBefore);
    m_totalAfterName = new QLabel(this);
    m_totalAfter = addFigure(QStringLiteral("totalAfterValue"));
    m_figures->addRow(m_totalAfterName, m_totalAfter);

    m_effectsCaption->setObjectName(QStringLiteral("effectsCaption"));
    m_effectsCaption->setTextFormat(Qt::PlainText);
    m_effectsView->setItemDelegateForColumn(
        ImportEffectModel::Change,
        new AmountDelegate(ImportEffectModel::RawValueRole, AmountDelegate::Mode::Signed, m_effectsView));
    auto *after
        = new AmountDelegate(ImportEffectModel::RawValueRole, AmountDelegate::Mode::NegativeOnly, m_effectsView);
    after->setBold(true);
    m_effectsView->setItemDelegateForColumn(ImportEffectModel::After, after);
    m_effectsView->horizontalHeader()->setSectionResizeMode(ImportEffectModel::User, QHeaderView::Stretch);
    m_problemsView->horizontalHeader()->setStretchLastSection(true);
    m_problemsView->horizontalHeader()->setSectionResizeMode(ImportProblemModel::Problem, QHeaderView::Interactive);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_figuresBox);
    layout->addWidget(m_effectsCaption);
    layout->addWidget(m_effectsView, 1);
    layout->addWidget(m_problemsView, 1);
    layout->addStretch(0); // takes the room when the tables are hidden
}

QLabel *ImportSummaryPage::addFigure(const QString &name)
{
    auto *label = new QLabel(this);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void ImportSummaryPage::initializePage()
{
    ImportJob *check = m_wizard->dryRun();
    m_progress->setJob(check);
    m_message->clear();
    m_figuresBox->hide();
    m_effectsCaption->hide();
    m_effectsView->hide();
    m_problemsView->hide();
    if (check) {
        connect(check, &ImportJob::finished, this, &ImportSummaryPage::checkFinished, Qt::UniqueConnection);
        if (check->isFinished())
            checkFinished();
    }
    emit completeChanged();
}

bool ImportSummaryPage::isComplete() const
{
    const ImportJob *check = m_wizard->dryRun();
    const ImportReport *report = check ? check->report() : nullptr;
    return report && !report->hasProblems() && report->alreadyImported.isEmpty()
        && (report->transactions > 0 || report->held > 0);
}

void ImportSummaryPage::checkFinished()
{
    const ImportJob *check = m_wizard->dryRun();
    if (!check || !check->isFinished())
        return;
    if (check->succeeded())
        showReport(*check->report());
    else
        m_message->showMessage(check->result()->error().kind == Error::Kind::Cancelled ? InlineMessage::Kind::Warning
                                                                                       : InlineMessage::Kind::Error,
                               check->result()->error().kind == Error::Kind::Cancelled
                                   ? tr("The check was stopped before the end. Nothing was changed; go Back and "
                                        "Next to check again.")
                                   : ImportText::failure(check->result()->error()));
    emit completeChanged();
}

void ImportSummaryPage::showReport(const ImportReport &report)
{
    const bool legacy = report.kind != ImportKind::Adjust;
    m_batch->setText(
        report.kind == ImportKind::Profiles
            ? tr("a new batch legacy-profiles-…, named after the time of writing")
            : tr("%1 (file %2, SHA-256 %3…)").arg(report.batchId, report.fileName, report.sha256.left(16)));
    QString rows = ImportText::number(report.rowsRead);
    if (report.blankRows > 0)
        rows = tr("%1 (%2 blank skipped)").arg(rows, ImportText::number(report.blankRows));
    m_rows->setText(rows);
    QString transactions = ImportText::number(report.transactions);
    if (report.zeroTotals > 0)
        transactions = tr("%1 (%2 zero totals write nothing)").arg(transactions, ImportText::number(report.zeroTotals));
    m_transactions->setText(transactions);
    m_users->setText(report.usersCreated > 0
                         ? tr("%1, of whom %2 new (created from the file)")
                               .arg(ImportText::number(report.users), ImportText::number(report.usersCreated))
                         : ImportText::number(report.users));
    m_held->setText(ImportText::held(report));
    m_figures->setRowVisible(m_held, !legacy);
    m_totalBeforeName->setText(legacy ? tr("Legacy grand total:") : tr("Their total before:"));
    m_totalAfterName->setText(legacy ? tr("Ledger total after:") : tr("Their total after:"));
    m_totalBefore->setText(ImportText::number(report.totalBefore));
    QString after = ImportText::number(report.totalAfter);
    const QPalette base = palette();
    QString colour;
    if (legacy && report.totalBefore == report.totalAfter) {
        after = tr("%1 (equal to the legacy grand total)").arg(after);
        colour = CategoryPalette::positiveAmount(base).name();
    } else if (legacy) {
        after = tr("%1 (differs by %2)").arg(after, ImportText::signedNumber(report.totalAfter - report.totalBefore));
        colour = CategoryPalette::negativeAmount(base).name();
    } else {
        after = tr("%1 (%2)").arg(after, ImportText::signedNumber(report.totalAfter - report.totalBefore));
    }
    m_totalAfter->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
    m_totalAfter->setText(after);
    m_figuresBox->setVisible(report.alreadyImported.isEmpty());

    m_effects->setEffects(report.effects);
    const bool showEffects = !report.effects.isEmpty() && !report.hasProblems();
    m_effectsCaption->setVisible(showEffects);
    m_effectsView->setVisible(showEffects);
    m_effectsCaption->setText(report.users > report.effects.size() ? tr("Each user's total (the first %1 of %2 users):")
                                                                         .arg(ImportText::number(report.effects.size()),
                                                                              ImportText::number(report.users))
                                                                   : tr("Each user's total:"));
    m_problems->setProblems(report.problems);
    m_problemsView->setVisible(report.hasProblems());

    if (!report.alreadyImported.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("Already imported: this file was applied before (%1). Importing it again would "
                                  "change nothing, so it cannot be applied.")
                                   .arg(report.alreadyImported));
    else if (report.hasProblems())
        m_message->showMessage(
            InlineMessage::Kind::Error,
            tr("%1 found. Nothing will be changed until the file is fixed: fix every line listed, then go Back "
               "and check again.")
                .arg(tr("%Ln problem(s)", nullptr, static_cast<int>(report.problemCount))));
    else if (report.transactions == 0 && report.held > 0)
        m_message->showMessage(InlineMessage::Kind::Info,
                               report.heldByLimits()
                                   ? tr("No problems. Every adjustment is above the approval threshold or your "
                                        "limits: importing files them as pending requests for another admin, and "
                                        "changes no total. Press Next to confirm.")
                                   : tr("No problems. Every adjustment is above the approval threshold: importing "
                                        "files them as pending requests for another admin, and changes no total. "
                                        "Press Next to confirm."));
    else if (report.transactions == 0)
        m_message->showMessage(InlineMessage::Kind::Info,
                               report.kind == ImportKind::Profiles ? tr("Nothing to import: every total in UserProfile "
                                                                        "already has transactions behind it.")
                                                                   : tr("Nothing to import: every total is zero."));
    else
        m_message->showMessage(InlineMessage::Kind::Info,
                               tr("No problems. Press Next to confirm; nothing is written before that."));
}
