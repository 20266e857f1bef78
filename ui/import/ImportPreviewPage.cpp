#include "ui/import/ImportPreviewPage.h"

#include "core/csv/CsvPreview.h"
#include "core/csv/CsvSeparator.h"
#include "core/import/ImportFile.h"
#include "core/import/ImportJob.h"
#include "models/CsvPreviewModel.h"
#include "models/ImportProblemModel.h"
#include "models/ImportText.h"
#include "ui/common/InlineMessage.h"
#include "ui/import/ImportProgressPanel.h"
#include "ui/import/ImportWizard.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

ImportPreviewPage::ImportPreviewPage(ImportWizard *wizard)
    : QWizardPage(wizard),
      m_wizard(wizard),
      m_rows(new CsvPreviewModel(this)),
      m_problems(new ImportProblemModel(this)),
      m_rowsCaption(new QLabel(this)),
      m_rowsView(makeTable(m_rows, this)),
      m_problemsCaption(new QLabel(this)),
      m_progress(new ImportProgressPanel(true, this)),
      m_problemsView(makeTable(m_problems, this)),
      m_message(new InlineMessage(this)),
      m_checkAgain(new QPushButton(tr("Check &Again"), this)),
      m_splitter(new QSplitter(Qt::Vertical, this))
{
    setTitle(tr("Preview and Check"));
    setSubTitle(tr("The first rows of the file as written, and every problem found in it. Nothing is changed yet."));

    m_rowsCaption->setObjectName(QStringLiteral("rowsCaption"));
    m_rowsCaption->setTextFormat(Qt::PlainText);
    m_rowsCaption->setWordWrap(true);
    m_rowsView->setObjectName(QStringLiteral("previewTable"));
    m_rowsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_rowsView->horizontalHeader()->setStretchLastSection(true);

    QFont bold = m_problemsCaption->font();
    bold.setBold(true);
    m_problemsCaption->setFont(bold);
    m_problemsCaption->setObjectName(QStringLiteral("problemsCaption"));
    m_problemsCaption->setTextFormat(Qt::PlainText);
    m_problemsView->setObjectName(QStringLiteral("problemsTable"));
    m_problemsView->horizontalHeader()->setSectionResizeMode(ImportProblemModel::Line, QHeaderView::ResizeToContents);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->setToolTip(tr("Double-click or press Enter on a problem to show its row in the preview"));
    m_progress->setObjectName(QStringLiteral("checkProgress"));
    m_message->setObjectName(QStringLiteral("checkMessage"));
    m_message->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // never taller than its text
    m_checkAgain->setObjectName(QStringLiteral("checkAgainButton"));
    m_checkAgain->setAutoDefault(false); // Return stays the wizard's Next
    m_checkAgain->setToolTip(tr("Read the file again and check every row (after fixing it)"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_rowsCaption);
    topLayout->addWidget(m_rowsView, 1);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *captionRow = new QHBoxLayout;
    captionRow->addWidget(m_problemsCaption, 1);
    captionRow->addWidget(m_checkAgain);
    bottomLayout->addLayout(captionRow);
    bottomLayout->addWidget(m_progress);
    bottomLayout->addWidget(m_message);
    bottomLayout->addWidget(m_problemsView, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_problemsView, &QTableView::activated, this, &ImportPreviewPage::showProblemRow);
    connect(m_checkAgain, &QPushButton::clicked, this, &ImportPreviewPage::checkAgain);
}

void ImportPreviewPage::initializePage()
{
    loadPreview();
    followCheck();
    m_rowsView->setFocus();
}

bool ImportPreviewPage::isComplete() const
{
    const ImportJob *check = m_wizard->dryRun();
    return check && check->report() && !check->report()->hasProblems();
}

void ImportPreviewPage::loadPreview()
{
    // Only the first rows: quick even for a file of millions.
    const ImportKind kind = m_wizard->kind();
    const CsvPreview preview
        = CsvPreview::read(m_wizard->filePath(), ImportFile::requiredColumns(kind) + ImportFile::optionalColumns(kind));
    m_rows->setPreview(preview);
    m_rowsView->resizeColumnsToContents();
    const QString name = QFileInfo(m_wizard->filePath()).fileName();
    QString caption;
    if (!preview.error.isEmpty() && preview.rows.isEmpty() && preview.header.isEmpty())
        caption = tr("%1 cannot be shown: %2").arg(name, preview.error);
    else if (preview.more)
        caption = tr("The first %Ln rows of %1, fields separated by: %2 (line numbers at the left)", nullptr,
                     int(preview.rows.size()))
                      .arg(name, CsvSeparator::name(preview.separator));
    else
        caption = tr("All %Ln row(s) of %1, fields separated by: %2 (line numbers at the left)", nullptr,
                     int(preview.rows.size()))
                      .arg(name, CsvSeparator::name(preview.separator));
    m_rowsCaption->setText(caption);
    balance();
}

void ImportPreviewPage::followCheck()
{
    ImportJob *check = m_wizard->dryRun();
    m_progress->setJob(check);
    m_problems->setProblems({});
    m_rows->setProblems({});
    m_message->clear();
    m_problemsView->hide();
    m_checkAgain->setEnabled(false);
    m_problemsCaption->setText(tr("Checking every row against the database…"));
    if (check) {
        connect(check, &ImportJob::finished, this, &ImportPreviewPage::checkFinished, Qt::UniqueConnection);
        if (check->isFinished())
            checkFinished();
    }
    emit completeChanged();
}

void ImportPreviewPage::checkFinished()
{
    const ImportJob *check = m_wizard->dryRun();
    if (!check || !check->isFinished())
        return;
    m_checkAgain->setEnabled(true);
    if (!check->succeeded()) {
        const Error &error = check->result()->error();
        m_problemsCaption->setText(error.kind == Error::Kind::Cancelled ? tr("Check stopped") : tr("Check failed"));
        m_message->showMessage(error.kind == Error::Kind::Cancelled ? InlineMessage::Kind::Warning
                                                                    : InlineMessage::Kind::Error,
                               error.kind == Error::Kind::Cancelled
                                   ? tr("The check was stopped before the end. Nothing was changed; press Check "
                                        "Again to check the whole file.")
                                   : ImportText::failure(error));
        emit completeChanged();
        return;
    }
    const ImportReport &report = *check->report();
    m_problems->setProblems(report.problems);
    m_rows->setProblems(report.problems);
    if (report.hasProblems()) {
        m_problemsCaption->setText(tr("%Ln problem(s)", nullptr, static_cast<int>(report.problemCount)));
        QString text = tr("Nothing will be changed until the file is fixed. Fix the lines listed below, save the "
                          "file, then press Check Again.");
        if (report.problemCount > report.problems.size())
            text += QLatin1Char(' ')
                + tr("Only the first %1 of the %2 problems are listed.")
                      .arg(ImportText::number(report.problems.size()), ImportText::number(report.problemCount));
        m_message->showMessage(InlineMessage::Kind::Error, text);
        m_problemsView->show();
        m_problemsView->resizeColumnToContents(ImportProblemModel::Line);
    } else if (!report.alreadyImported.isEmpty()) {
        m_problemsCaption->setText(tr("Already imported"));
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("This file was imported before (%1). Importing it again would change nothing.")
                                   .arg(report.alreadyImported));
    } else {
        m_problemsCaption->setText(tr("No problems"));
        m_message->showMessage(InlineMessage::Kind::Info,
                               tr("%Ln row(s) checked against the database: no problems. Press Next for "
                                  "what the import would do.",
                                  nullptr, int(report.rowsRead)));
    }
    emit completeChanged();
    balance();
}

void ImportPreviewPage::checkAgain()
{
    m_wizard->startDryRun();
    loadPreview();
    followCheck();
}

void ImportPreviewPage::showProblemRow(const QModelIndex &index)
{
    const int row = m_rows->rowOfLine(m_problems->problems().value(index.row()).line);
    if (row < 0)
        return;
    m_rowsView->selectRow(row);
    m_rowsView->scrollTo(m_rows->index(row, 0));
}

void ImportPreviewPage::balance()
{
    // After the layouts have settled, so that the splitter knows its height.
    QTimer::singleShot(0, this, [this] {
        const int total = m_splitter->height() - m_splitter->handleWidth();
        if (total <= 0)
            return;
        QWidget *bottom = m_splitter->widget(1);
        const int bottomNeeds = m_problemsView->isVisibleTo(this) ? total * 45 / 100 : bottom->sizeHint().height();
        const int rowsNeed = m_rowsCaption->sizeHint().height() + m_rowsView->horizontalHeader()->height()
            + m_rowsView->verticalHeader()->length() + 2 * m_rowsView->frameWidth()
            + m_rowsView->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_rowsView) + 12;
        const int top = std::max(std::min(rowsNeed, total - bottomNeeds), total / 4);
        m_splitter->setSizes({top, total - top});
    });
}
