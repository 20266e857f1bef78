#include "ui/statement/StatementWindow.h"

#include "core/session/LedgerSession.h"
#include "core/statement/StatementCsv.h"
#include "core/statement/StatementJobs.h"
#include "models/StatementModel.h"
#include "models/StatementSubtotalModel.h"
#include "models/XpFormat.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/common/DocumentSaving.h"
#include "ui/common/InlineMessage.h"
#include "ui/statement/StatementHeader.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

const QString GeometryKey = QStringLiteral("statementWindow/geometry");
const QString RangeKey = QStringLiteral("statementWindow/range");
const QString SplitterKey = QStringLiteral("statementWindow/splitter");

QTableView *makeTable(QWidget *parent, QAbstractItemModel *model, const QString &name)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

StatementWindow::StatementWindow(LedgerSession *session, const QString &userId, QWidget *parent)
    : QWidget(parent, Qt::Window),
      m_session(session),
      m_userId(userId),
      m_range(new ChartRangeBar(this)),
      m_busy(new QProgressBar(this)),
      m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_message(new InlineMessage(this)),
      m_header(new StatementHeader(this)),
      m_model(new StatementModel(this)),
      m_byCategory(new StatementSubtotalModel(StatementSubtotalModel::Group::Category, this)),
      m_bySourceType(new StatementSubtotalModel(StatementSubtotalModel::Group::SourceType, this)),
      m_table(makeTable(this, m_model, QStringLiteral("statementEntries"))),
      m_showIds(new QCheckBox(tr("Show &ids in the PDF and the print"), this)),
      m_pdf(new QPushButton(tr("Save as P&DF…"), this)),
      m_csv(new QPushButton(tr("Save as &CSV…"), this)),
      m_print(new QPushButton(tr("&Print…"), this))
{
    setObjectName(QStringLiteral("StatementWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Statement"));
    m_range->presetCombo()->setAccessibleName(tr("Period"));
    m_range->presetCombo()->setToolTip(tr("The days the statement covers, up to today (local time); Custom "
                                          "picks the days"));
    m_range->firstEdit()->setToolTip(tr("First day of the statement (from its start, local time)"));
    m_range->lastEdit()->setToolTip(tr("Last day of the statement (to its end, local time)"));
    m_busy->setObjectName(QStringLiteral("statementBusy"));
    m_busy->setRange(0, 0); // busy: no figure to show
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Reading the statement…"));
    m_busy->hide();
    m_refresh->setToolTip(tr("Read the statement again (F5)"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_message->setObjectName(QStringLiteral("statementMessage"));
    m_message->clear();
    // Off in every new window: the PDF usually goes to the user.
    m_showIds->setObjectName(QStringLiteral("statementShowIds"));
    m_showIds->setToolTip(tr("Transaction and user ids, for a colleague; leave it off for the user"));
    m_pdf->setObjectName(QStringLiteral("statementSavePdf"));
    m_csv->setObjectName(QStringLiteral("statementSaveCsv"));
    m_print->setObjectName(QStringLiteral("statementPrint"));
    m_pdf->setToolTip(tr("A PDF to send to the user: their name, the period and the figures"));
    m_csv->setToolTip(tr("Every change with the balance after it, for a spreadsheet"));

    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    auto *subtotals = new QWidget(this);
    auto *subtotalLayout = new QHBoxLayout(subtotals);
    subtotalLayout->setContentsMargins(0, 0, 0, 0);
    for (StatementSubtotalModel *model : {m_byCategory, m_bySourceType}) {
        QTableView *table = makeTable(subtotals, model,
                                      model == m_byCategory ? QStringLiteral("statementByCategory")
                                                            : QStringLiteral("statementBySourceType"));
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        table->horizontalHeader()->setSectionResizeMode(StatementSubtotalModel::Name, QHeaderView::Stretch);
        subtotalLayout->addWidget(table);
    }
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("statementSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(subtotals);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *top = new QHBoxLayout;
    top->addWidget(m_range);
    top->addStretch();
    top->addWidget(m_busy);
    top->addWidget(m_refresh);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_showIds);
    bottom->addStretch();
    bottom->addWidget(m_print);
    bottom->addWidget(m_csv);
    bottom->addWidget(m_pdf);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_header);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    const QSettings settings;
    m_range->restoreState(settings.value(RangeKey).toByteArray());
    splitter->restoreState(settings.value(SplitterKey).toByteArray());
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(1100, 720);

    connect(m_range, &ChartRangeBar::rangeChanged, this, &StatementWindow::reload);
    connect(m_refresh, &QPushButton::clicked, this, &StatementWindow::reload);
    connect(m_pdf, &QPushButton::clicked, this, &StatementWindow::savePdf);
    connect(m_csv, &QPushButton::clicked, this, &StatementWindow::saveCsv);
    connect(m_print, &QPushButton::clicked, this, &StatementWindow::print);
    connect(m_session, &LedgerSession::ledgerChanged, this, [this](const QStringList &userIds) {
        if (userIds.isEmpty() || userIds.contains(m_userId))
            reload();
    });
    updateButtons();
    reload();
}

StatementWindow::~StatementWindow() = default;

std::pair<QDateTime, QDateTime> StatementWindow::period() const
{
    return m_range->period();
}

StatementDocument::Options StatementWindow::documentOptions() const
{
    StatementDocument::Options options;
    options.showIds = m_showIds->isChecked();
    options.locale = QLocale().name();
    return options;
}

void StatementWindow::reload()
{
    const auto [since, until] = period();
    const quint64 generation = ++m_generation;
    setLoading(true);
    m_session->interactive()->postRead<Statement>(
        this, StatementJobs::read(m_userId, since, until), [this, generation](const Result<Statement> &read) {
            if (generation != m_generation)
                return; // a newer read is on its way
            setLoading(false);
            if (!read) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       tr("The statement could not be read: %1").arg(read.error().message));
                emit loaded(false);
                return;
            }
            m_message->clear();
            showStatement(*read);
            emit loaded(true);
        });
}

void StatementWindow::showStatement(const Statement &statement)
{
    m_statement = statement;
    setWindowTitle(
        tr("Statement of %1").arg(XpFormat::user(statement.userId, statement.userName, statement.userEmail)));
    m_header->setStatement(statement);
    m_model->setStatement(statement);
    m_byCategory->setSubtotals(statement.byCategory);
    m_bySourceType->setSubtotals(statement.bySourceType);
    m_table->resizeColumnsToContents();
    // Long descriptions and reasons must not push the figures out of sight.
    const int widest = std::max(320, m_table->viewport()->width() / 4);
    for (const int column : {StatementModel::Transaction, StatementModel::Reason})
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), widest));
    updateButtons();
}

void StatementWindow::setLoading(bool loading)
{
    m_loading = loading;
    m_busy->setVisible(loading);
    updateButtons();
}

void StatementWindow::updateButtons()
{
    const bool ready = m_statement.has_value() && !m_loading;
    m_pdf->setEnabled(ready);
    m_csv->setEnabled(ready);
    m_print->setEnabled(ready);
}

QString StatementWindow::suggestedFileName(const QString &suffix) const
{
    QString who
        = m_statement ? XpFormat::user(m_statement->userId, m_statement->userName, m_statement->userEmail) : m_userId;
    who.replace(QRegularExpression(QStringLiteral("[^\\w-]+")), QStringLiteral("-"));
    return tr("statement-%1-%2.%3").arg(who, QDate::currentDate().toString(QStringLiteral("yyyyMMdd")), suffix);
}

void StatementWindow::savePdf()
{
    if (!m_statement)
        return;
    DocumentSaving::savePdf(this, m_message,
                            {tr("Save Statement as PDF"), suggestedFileName(QStringLiteral("pdf")),
                             QStringLiteral("statement"), tr("Saved the statement to %1.")},
                            [this](const QString &fileName) {
                                return StatementDocument::writePdf(*m_statement, fileName, documentOptions());
                            });
}

void StatementWindow::saveCsv()
{
    if (!m_statement)
        return;
    DocumentSaving::saveCsv(this, m_message,
                            {tr("Save Statement as CSV"), suggestedFileName(QStringLiteral("csv")),
                             QStringLiteral("statement"), tr("Saved the statement to %1.")},
                            [this](const QString &fileName, const CsvFormat &format) {
                                return StatementCsv::write(*m_statement, fileName, format);
                            });
}

void StatementWindow::print()
{
    if (!m_statement)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(windowTitle());
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print Statement"));
    if (dialog.exec() != QDialog::Accepted || !m_statement)
        return;
    StatementDocument::print(*m_statement, &printer, documentOptions());
}

void StatementWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(RangeKey, m_range->saveState());
    if (const auto *splitter = findChild<QSplitter *>(QStringLiteral("statementSplitter")))
        settings.setValue(SplitterKey, splitter->saveState());
}

void StatementWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QWidget::closeEvent(event);
}
