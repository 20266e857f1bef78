#include "ui/history/HistoryFilterBar.h"

#include "models/CategoryPalette.h"
#include "ui/history/HistoryDelegate.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

namespace {

constexpr int TextDelayMs = 300;

} // namespace

HistoryFilterBar::HistoryFilterBar(QWidget *parent)
    : QWidget(parent),
      m_period(new QComboBox(this)),
      m_since(new QDateEdit(this)),
      m_rangeDash(new QLabel(QStringLiteral("–"), this)),
      m_until(new QDateEdit(this)),
      m_sourceType(new QComboBox(this)),
      m_category(new QComboBox(this)),
      m_text(new QLineEdit(this)),
      m_textDebounce(new QTimer(this)),
      m_clear(new QPushButton(tr("Clear filters"), this))
{
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_period->addItem(tr("All time"), int(Period::All));
    m_period->addItem(tr("Today"), int(Period::Today));
    m_period->addItem(tr("Last 7 days"), int(Period::Last7Days));
    m_period->addItem(tr("Last 30 days"), int(Period::Last30Days));
    m_period->addItem(tr("Last 90 days"), int(Period::Last90Days));
    m_period->addItem(tr("This year"), int(Period::ThisYear));
    m_period->addItem(tr("Custom range…"), int(Period::Custom));
    m_period->setToolTip(tr("Show transactions of this period (local time); Custom range picks the days"));
    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        edit->setMaximumDate(today.addYears(1));
        edit->hide();
    }
    m_since->setObjectName(QStringLiteral("sinceFilter"));
    m_until->setObjectName(QStringLiteral("untilFilter"));
    m_since->setDate(today.addDays(-29));
    m_until->setDate(today);
    m_since->setToolTip(tr("First day shown (from its start, local time)"));
    m_until->setToolTip(tr("Last day shown (to its end, local time)"));
    m_rangeDash->hide();

    m_sourceType->setObjectName(QStringLiteral("sourceTypeFilter"));
    m_sourceType->addItem(tr("All sources"), -1);
    for (const SourceType type : {SourceType::UserProblemAttempt, SourceType::DailyStreak,
                                  SourceType::SpecialAchievement, SourceType::ManualAdjustment}) {
        m_sourceType->addItem(XpEnums::label(type), int(type));
        m_sourceType->setItemData(m_sourceType->count() - 1, tr("Stored as %1").arg(XpEnums::name(type)),
                                  Qt::ToolTipRole);
    }
    m_sourceType->setToolTip(tr("Show transactions of one source type only"));

    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_category->addItem(tr("All categories"), -1);
    const int swatch = fontMetrics().height() * 3 / 4;
    for (const Category category :
         {Category::CorrectAnswer, Category::StreakBonus, Category::Achievement, Category::Manual}) {
        m_category->addItem(HistoryDelegate::categoryIcon(category, palette(), swatch), XpEnums::label(category),
                            int(category));
        const int row = m_category->count() - 1;
        m_category->setItemData(row, CategoryPalette::color(category, palette()), Qt::ForegroundRole);
        m_category->setItemData(row, tr("Stored as %1").arg(XpEnums::name(category)), Qt::ToolTipRole);
    }
    m_category->setToolTip(tr("Show transactions of one category only"));
    for (QComboBox *combo : {m_period, m_sourceType, m_category})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_text->setObjectName(QStringLiteral("textFilter"));
    m_text->setPlaceholderText(tr("Search descriptions and IDs"));
    m_text->setClearButtonEnabled(true);
    // The hint whole, beside the search icon and the clear button.
    m_text->setMinimumWidth(m_text->fontMetrics().horizontalAdvance(m_text->placeholderText())
                            + 3 * m_text->fontMetrics().height() + 8);
    m_text->setToolTip(tr("Shows transactions whose description or source ID contains the text, or whose ID is "
                          "the text (Ctrl+Shift+F)"));
    if (const QIcon icon = QIcon::fromTheme(QStringLiteral("edit-find")); !icon.isNull())
        m_text->addAction(icon, QLineEdit::LeadingPosition);
    m_textDebounce->setSingleShot(true);
    m_textDebounce->setInterval(TextDelayMs);

    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setToolTip(tr("Show every transaction of the user again (Ctrl+Shift+L)"));
    m_clear->setEnabled(false);

    auto *focusText = new QAction(tr("Search Transactions"), this);
    focusText->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    focusText->setShortcutContext(Qt::WindowShortcut);
    connect(focusText, &QAction::triggered, this, &HistoryFilterBar::focusTextFilter);
    addAction(focusText);
    auto *clearAction = new QAction(tr("Clear Filters"), this);
    clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    clearAction->setShortcutContext(Qt::WindowShortcut);
    connect(clearAction, &QAction::triggered, this, &HistoryFilterBar::clearFilters);
    addAction(clearAction);

    connect(m_period, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::onPeriodChanged);
    connect(m_since, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (m_until->date() < date)
            m_until->setDate(date);
        apply();
    });
    connect(m_until, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (m_since->date() > date)
            m_since->setDate(date);
        apply();
    });
    connect(m_sourceType, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::apply);
    connect(m_category, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::apply);
    connect(m_text, &QLineEdit::textChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, this, &HistoryFilterBar::apply);
    connect(m_textDebounce, &QTimer::timeout, this, &HistoryFilterBar::apply);
    connect(m_clear, &QPushButton::clicked, this, &HistoryFilterBar::clearFilters);

    // Two rows, so that the bar asks for no more width than its widest row: beside a users pane
    // wide enough for whole names and times, one row of every filter does not fit a laptop in
    // German or French. What and when on top, what kind below, with Clear at the end.
    auto *top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_text, 1);
    top->addWidget(m_period);
    top->addWidget(m_since);
    top->addWidget(m_rangeDash);
    top->addWidget(m_until);
    auto *bottom = new QHBoxLayout;
    bottom->setSpacing(6);
    bottom->addWidget(m_sourceType);
    bottom->addWidget(m_category);
    bottom->addStretch(1);
    bottom->addWidget(m_clear);
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    rows->addLayout(top);
    rows->addLayout(bottom);
}

HistoryFilter HistoryFilterBar::filter() const
{
    HistoryFilter filter;
    const QDate today = QDate::currentDate();
    switch (static_cast<Period>(m_period->currentData().toInt())) {
    case Period::All:
        break;
    case Period::Today:
        filter.since = today.startOfDay().toUTC();
        break;
    case Period::Last7Days:
        filter.since = today.addDays(-6).startOfDay().toUTC();
        break;
    case Period::Last30Days:
        filter.since = today.addDays(-29).startOfDay().toUTC();
        break;
    case Period::Last90Days:
        filter.since = today.addDays(-89).startOfDay().toUTC();
        break;
    case Period::ThisYear:
        filter.since = QDate(today.year(), 1, 1).startOfDay().toUTC();
        break;
    case Period::Custom:
        filter.since = m_since->date().startOfDay().toUTC();
        filter.until = m_until->date().addDays(1).startOfDay().toUTC();
        break;
    }
    if (const int type = m_sourceType->currentData().toInt(); type >= 0)
        filter.sourceType = static_cast<SourceType>(type);
    if (const int category = m_category->currentData().toInt(); category >= 0)
        filter.category = static_cast<Category>(category);
    filter.text = m_text->text().trimmed();
    return filter;
}

void HistoryFilterBar::apply()
{
    m_textDebounce->stop();
    m_clear->setEnabled(m_period->currentIndex() != 0 || m_sourceType->currentIndex() != 0
                        || m_category->currentIndex() != 0 || !m_text->text().isEmpty());
    emit changed();
}

void HistoryFilterBar::onPeriodChanged()
{
    const bool custom = static_cast<Period>(m_period->currentData().toInt()) == Period::Custom;
    m_since->setVisible(custom);
    m_rangeDash->setVisible(custom);
    m_until->setVisible(custom);
    apply();
}

void HistoryFilterBar::clearFilters()
{
    showOnly({});
}

void HistoryFilterBar::showOnly(const QString &text)
{
    {
        const QSignalBlocker period(m_period);
        const QSignalBlocker source(m_sourceType);
        const QSignalBlocker category(m_category);
        const QSignalBlocker textBlocker(m_text);
        m_period->setCurrentIndex(0);
        m_sourceType->setCurrentIndex(0);
        m_category->setCurrentIndex(0);
        m_text->setText(text);
    }
    m_since->hide();
    m_rangeDash->hide();
    m_until->hide();
    apply();
}

void HistoryFilterBar::focusTextFilter()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}
