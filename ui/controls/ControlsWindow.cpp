#include "ui/controls/ControlsWindow.h"

#include "core/controls/ControlsCsv.h"
#include "core/controls/ControlsDocument.h"
#include "core/controls/ControlsJobs.h"
#include "core/document/HtmlPages.h"
#include "core/session/LedgerSession.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/common/DocumentSaving.h"
#include "ui/common/InlineMessage.h"
#include "ui/controls/ReasonCodeChart.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace {

const QString GeometryKey = QStringLiteral("controlsWindow/geometry");
const QString RangeKey = QStringLiteral("controlsWindow/range");
const QString SplitKey = QStringLiteral("controlsWindow/split");

ControlsDocument::Options documentOptions()
{
    return {QLocale().name()};
}

} // namespace

ControlsWindow::ControlsWindow(LedgerSession *session, QWidget *parent)
    : QWidget(parent, Qt::Window),
      m_session(session),
      m_range(new ChartRangeBar(this)),
      m_busy(new QProgressBar(this)),
      m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_message(new InlineMessage(this)),
      m_browser(new QTextBrowser(this)),
      m_chart(new ReasonCodeChart(this)),
      m_split(new QSplitter(Qt::Vertical, this)),
      m_pdf(new QPushButton(tr("Save as P&DF…"), this)),
      m_csv(new QPushButton(tr("Save as &CSV…"), this)),
      m_print(new QPushButton(tr("&Print…"), this))
{
    setObjectName(QStringLiteral("ControlsWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Controls Report"));
    m_range->presetCombo()->setAccessibleName(tr("Period"));
    m_range->presetCombo()->setToolTip(tr("The days the report covers, up to today (local time); Custom picks the "
                                          "days"));
    m_range->firstEdit()->setToolTip(tr("First day of the report (from its start, local time)"));
    m_range->lastEdit()->setToolTip(tr("Last day of the report (to its end, local time)"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Reading the report…"));
    m_busy->hide();
    m_refresh->setToolTip(tr("Read the report again (F5)"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_message->setObjectName(QStringLiteral("controlsMessage"));
    m_message->clear();
    m_browser->setObjectName(QStringLiteral("controlsReport"));
    m_browser->setOpenLinks(false);
    // The report's tables take the width there is and wrap their text.
    m_browser->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pdf->setObjectName(QStringLiteral("controlsSavePdf"));
    m_csv->setObjectName(QStringLiteral("controlsSaveCsv"));
    m_print->setObjectName(QStringLiteral("controlsPrint"));
    m_pdf->setToolTip(tr("The report as a PDF to file, laid out as shown here"));
    m_csv->setToolTip(tr("A row per finding, for a spreadsheet"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_range);
    top->addStretch();
    top->addWidget(m_busy);
    top->addWidget(m_refresh);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch();
    bottom->addWidget(m_print);
    bottom->addWidget(m_csv);
    bottom->addWidget(m_pdf);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    m_split->setObjectName(QStringLiteral("controlsSplit"));
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_browser);
    m_split->addWidget(m_chart);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    layout->addWidget(m_split, 1);
    layout->addLayout(bottom);

    const QSettings settings;
    m_range->restoreState(settings.value(RangeKey).toByteArray());
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(1000, 760);
    m_split->restoreState(settings.value(SplitKey).toByteArray());

    connect(m_range, &ChartRangeBar::rangeChanged, this, &ControlsWindow::reload);
    connect(m_refresh, &QPushButton::clicked, this, &ControlsWindow::reload);
    connect(m_pdf, &QPushButton::clicked, this, &ControlsWindow::savePdf);
    connect(m_csv, &QPushButton::clicked, this, &ControlsWindow::saveCsv);
    connect(m_print, &QPushButton::clicked, this, &ControlsWindow::print);
    // Changes made anywhere read the report again, at most every 3 s: a live desk changes the
    // ledger every second, and the report reads every manual change of its period.
    auto *again = new QTimer(this);
    again->setSingleShot(true);
    again->setInterval(3000);
    connect(again, &QTimer::timeout, this, &ControlsWindow::reload);
    connect(m_session, &LedgerSession::ledgerChanged, again, [again] {
        if (!again->isActive())
            again->start();
    });
    updateButtons();
    reload();
}

ControlsWindow::~ControlsWindow() = default;

ControlsWindow *ControlsWindow::open(LedgerSession *session, QWidget *parent)
{
    if (!session)
        return nullptr;
    for (auto *window : parent->findChildren<ControlsWindow *>(Qt::FindDirectChildrenOnly)) {
        if (window->session() == session) {
            window->showNormal();
            window->raise();
            window->activateWindow();
            return window;
        }
        window->close(); // of a database closed since
    }
    auto *window = new ControlsWindow(session, parent);
    window->show();
    return window;
}

std::pair<QDateTime, QDateTime> ControlsWindow::period() const
{
    return m_range->period();
}

void ControlsWindow::reload()
{
    const auto [since, until] = period();
    const quint64 generation = ++m_generation;
    setLoading(true);
    m_session->interactive()->postRead<ControlsReportData>(
        this, ControlsJobs::read(since, until), [this, generation](const Result<ControlsReportData> &read) {
            if (generation != m_generation)
                return; // a newer read is on its way
            setLoading(false);
            if (!read) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       tr("The controls report could not be read: %1").arg(read.error().message));
                emit loaded(false);
                return;
            }
            m_message->clear();
            m_report = *read;
            // Where the reader was, kept across a refresh.
            const int scrolled = m_browser->verticalScrollBar()->value();
            m_browser->setHtml(ControlsDocument::html(*m_report, documentOptions()));
            m_browser->verticalScrollBar()->setValue(scrolled);
            m_chart->setReport(*m_report);
            updateButtons();
            emit loaded(true);
        });
}

void ControlsWindow::setLoading(bool loading)
{
    m_loading = loading;
    m_busy->setVisible(loading);
    updateButtons();
}

void ControlsWindow::updateButtons()
{
    const bool ready = m_report.has_value() && !m_loading;
    m_pdf->setEnabled(ready);
    m_csv->setEnabled(ready);
    m_print->setEnabled(ready);
}

QString ControlsWindow::suggestedFileName(const QString &suffix) const
{
    return tr("controls-%1.%2").arg(QDate::currentDate().toString(QStringLiteral("yyyyMMdd")), suffix);
}

void ControlsWindow::savePdf()
{
    if (!m_report)
        return;
    DocumentSaving::savePdf(
        this, m_message,
        {tr("Save Controls Report as PDF"), suggestedFileName(QStringLiteral("pdf")), QStringLiteral("controls"),
         tr("Saved the controls report to %1.")},
        [this](const QString &fileName) { return ControlsDocument::writePdf(*m_report, fileName, documentOptions()); });
}

void ControlsWindow::saveCsv()
{
    if (!m_report)
        return;
    DocumentSaving::saveCsv(this, m_message,
                            {tr("Save Controls Report as CSV"), suggestedFileName(QStringLiteral("csv")),
                             QStringLiteral("controls"), tr("Saved the controls report to %1.")},
                            [this](const QString &fileName, const CsvFormat &format) {
                                return ControlsCsv::write(*m_report, fileName, format);
                            });
}

void ControlsWindow::print()
{
    if (!m_report)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(windowTitle());
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print Controls Report"));
    if (dialog.exec() != QDialog::Accepted || !m_report)
        return;
    HtmlPages::print(ControlsDocument::html(*m_report, documentOptions()), &printer);
}

void ControlsWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(RangeKey, m_range->saveState());
    settings.setValue(SplitKey, m_split->saveState());
    QWidget::closeEvent(event);
}
