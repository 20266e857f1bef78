#include "ui/audit/AuditFilterBar.h"

#include "models/AuditText.h"
#include "models/XpFormat.h"
#include "ui/audit/UserFilterEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStringListModel>
#include <QToolButton>

#include <algorithm>

AuditFilterBar::AuditFilterBar(LedgerSession *session, QWidget *parent)
    : QWidget(parent),
      m_user(new UserFilterEdit(session, this)),
      m_action(new QComboBox(this)),
      m_actor(new QLineEdit(this)),
      m_actors(new QStringListModel(this)),
      m_sinceEnabled(new QCheckBox(tr("Since"), this)),
      m_since(new QDateEdit(this)),
      m_untilEnabled(new QCheckBox(tr("Until"), this)),
      m_until(new QDateEdit(this)),
      m_startLabel(new QLabel(this)),
      m_startClear(new QToolButton(this)),
      m_operationLabel(new QLabel(this)),
      m_operationClear(new QToolButton(this)),
      m_clear(new QToolButton(this))
{
    m_user->setObjectName(QStringLiteral("auditUserFilter"));
    // Wide enough for the hint and a name in every language; the row has room for it.
    const QFontMetrics metrics(m_user->font());
    m_user->setMinimumWidth(std::max(metrics.horizontalAdvance(m_user->placeholderText()) + 48,
                                     metrics.horizontalAdvance(QLatin1Char('m')) * 16));

    m_action->setObjectName(QStringLiteral("auditActionFilter"));
    m_action->setToolTip(tr("Only events of this action"));
    m_action->addItem(tr("All actions"), QString());
    for (const QString &action : AuditQuery::knownActions())
        m_action->addItem(AuditText::actionLabel(action), action);
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_actor->setObjectName(QStringLiteral("auditActorFilter"));
    m_actor->setPlaceholderText(tr("Actor or operator"));
    m_actor->setToolTip(tr("Only events whose login or operator contains this text (any case)"));
    m_actor->setClearButtonEnabled(true);
    m_actor->setMinimumWidth(std::max(metrics.horizontalAdvance(m_actor->placeholderText()) + 48,
                                      metrics.horizontalAdvance(QLatin1Char('m')) * 12));
    auto *completer = new QCompleter(m_actors, m_actor);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_actor->setCompleter(completer);

    const QDate today = QDate::currentDate();
    for (QDateEdit *edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(XpFormat::datePattern());
        edit->setDate(today);
        edit->setEnabled(false);
        edit->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    }
    m_since->setDate(today.addDays(-30));
    m_since->setObjectName(QStringLiteral("auditSinceDate"));
    m_until->setObjectName(QStringLiteral("auditUntilDate"));
    m_sinceEnabled->setObjectName(QStringLiteral("auditSinceEnabled"));
    m_untilEnabled->setObjectName(QStringLiteral("auditUntilEnabled"));
    m_sinceEnabled->setToolTip(tr("Only events on or after this day (local time)"));
    m_untilEnabled->setToolTip(tr("Only events on or before this day (local time)"));
    m_since->setToolTip(m_sinceEnabled->toolTip());
    m_until->setToolTip(m_untilEnabled->toolTip());

    m_startLabel->setObjectName(QStringLiteral("auditStartLabel"));
    m_startLabel->setVisible(false);
    m_startClear->setText(tr("Show newest"));
    m_startClear->setToolTip(tr("List the log from its newest event again"));
    m_startClear->setVisible(false);

    m_operationLabel->setObjectName(QStringLiteral("auditOperationLabel"));
    m_operationLabel->setVisible(false);
    m_operationClear->setObjectName(QStringLiteral("auditOperationClear"));
    m_operationClear->setText(tr("Show all operations"));
    m_operationClear->setToolTip(tr("List the events of every operation again"));
    m_operationClear->setVisible(false);

    m_clear->setObjectName(QStringLiteral("auditClearFilters"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every event"));
    m_clear->setEnabled(false);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(4);
    auto *first = new QHBoxLayout;
    first->setSpacing(6);
    first->addWidget(m_user, 3);
    first->addWidget(m_action);
    first->addWidget(m_actor, 2);
    auto *second = new QHBoxLayout;
    second->setSpacing(6);
    second->addWidget(m_sinceEnabled);
    second->addWidget(m_since);
    second->addSpacing(6);
    second->addWidget(m_untilEnabled);
    second->addWidget(m_until);
    second->addSpacing(6);
    second->addWidget(m_operationLabel);
    second->addWidget(m_operationClear);
    second->addWidget(m_startLabel);
    second->addWidget(m_startClear);
    second->addStretch(1);
    second->addWidget(m_clear);
    layout->addLayout(first, 0, 0);
    layout->addLayout(second, 1, 0);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &AuditFilterBar::applyNow);
    // The field waits for the person to pause and finds the user itself: no second delay.
    connect(m_user, &UserFilterEdit::userChosen, this, [this] {
        updateClearButton();
        applyNow();
    });
    connect(m_actor, &QLineEdit::textEdited, this, &AuditFilterBar::schedule);
    connect(m_user, &QLineEdit::textChanged, this, &AuditFilterBar::updateClearButton);
    connect(m_actor, &QLineEdit::textChanged, this, &AuditFilterBar::updateClearButton);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AuditFilterBar::schedule);
    connect(m_since, &QDateEdit::dateChanged, this, &AuditFilterBar::schedule);
    connect(m_until, &QDateEdit::dateChanged, this, &AuditFilterBar::schedule);
    connect(m_sinceEnabled, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilEnabled, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_sinceEnabled, &QCheckBox::toggled, this, &AuditFilterBar::schedule);
    connect(m_untilEnabled, &QCheckBox::toggled, this, &AuditFilterBar::schedule);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        m_user->clear(); // also a text typed that names no one yet
        setFilter({});
        emit filterChanged(filter());
    });
    connect(m_operationClear, &QToolButton::clicked, this, [this] {
        m_operationId.clear();
        setFilter(filter());
        emit filterChanged(filter());
    });
    connect(m_startClear, &QToolButton::clicked, this, [this] {
        m_maxSeq.reset();
        setFilter(filter());
        emit filterChanged(filter());
    });
}

AuditFilter AuditFilterBar::filter() const
{
    AuditFilter filter;
    filter.userId = m_user->userId();
    filter.action = m_action->currentData().toString();
    filter.actor = m_actor->text().trimmed();
    if (m_sinceEnabled->isChecked())
        filter.since = m_since->date().startOfDay().toUTC();
    if (m_untilEnabled->isChecked())
        filter.until = m_until->date().addDays(1).startOfDay().toUTC();
    filter.operationId = m_operationId;
    filter.maxSeq = m_maxSeq;
    return filter;
}

void AuditFilterBar::setFilter(const AuditFilter &filter)
{
    m_debounce.stop();
    const QSignalBlocker blockUser(m_user), blockAction(m_action), blockActor(m_actor), blockSince(m_since),
        blockUntil(m_until), blockSinceEnabled(m_sinceEnabled), blockUntilEnabled(m_untilEnabled);
    // Only what differs: setting the same text would move the cursor of someone still typing.
    m_user->setUserId(filter.userId);
    int actionIndex = m_action->findData(filter.action);
    if (actionIndex < 0) {
        m_action->addItem(AuditText::actionLabel(filter.action), filter.action);
        actionIndex = m_action->count() - 1;
    }
    m_action->setCurrentIndex(actionIndex);
    if (m_actor->text().trimmed() != filter.actor)
        m_actor->setText(filter.actor);
    m_sinceEnabled->setChecked(filter.since.isValid());
    m_since->setEnabled(filter.since.isValid());
    if (filter.since.isValid())
        m_since->setDate(filter.since.toLocalTime().date());
    m_untilEnabled->setChecked(filter.until.isValid());
    m_until->setEnabled(filter.until.isValid());
    if (filter.until.isValid())
        m_until->setDate(filter.until.toLocalTime().addMSecs(-1).date());
    m_operationId = filter.operationId;
    m_operationLabel->setText(m_operationId.isEmpty() ? QString() : tr("One operation only"));
    m_operationLabel->setToolTip(m_operationId.isEmpty() ? QString() : tr("Operation id %1").arg(m_operationId));
    m_operationLabel->setVisible(!m_operationId.isEmpty());
    m_operationClear->setVisible(!m_operationId.isEmpty());
    m_maxSeq = filter.maxSeq;
    m_startLabel->setText(m_maxSeq ? tr("From event %1 down").arg(*m_maxSeq) : QString());
    m_startLabel->setVisible(m_maxSeq.has_value());
    m_startClear->setVisible(m_maxSeq.has_value());
    updateClearButton();
}

void AuditFilterBar::setActions(const QStringList &actions)
{
    const QSignalBlocker block(m_action);
    for (const QString &action : actions) {
        if (m_action->findData(action) < 0)
            m_action->addItem(AuditText::actionLabel(action), action);
    }
}

void AuditFilterBar::setActors(const QStringList &actors)
{
    m_actors->setStringList(actors);
}

void AuditFilterBar::focusUserFilter()
{
    m_user->setFocus(Qt::ShortcutFocusReason);
    m_user->selectAll();
}

void AuditFilterBar::schedule()
{
    updateClearButton();
    m_debounce.start();
}

void AuditFilterBar::applyNow()
{
    m_debounce.stop();
    emit filterChanged(filter());
}

void AuditFilterBar::updateClearButton()
{
    m_clear->setEnabled(!filter().isEmpty());
}
