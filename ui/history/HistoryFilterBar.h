#pragma once

#include "core/history/HistoryQuery.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

// The history's filters in two rows: a text and a period (or a custom range of local calendar
// days); a source type and a category. Typing is debounced; changed is emitted once it pauses,
// and at once for every other control.
class HistoryFilterBar final : public QWidget
{
    Q_OBJECT

public:
    enum class Period { All, Today, Last7Days, Last30Days, Last90Days, ThisYear, Custom };

    explicit HistoryFilterBar(QWidget *parent = nullptr);

    // What the widgets say now, for every user (the view adds its user); a period such as
    // "Today" is worked out from the clock each time.
    HistoryFilter filter() const;
    // Clears every filter (Ctrl+Shift+L), then emits changed.
    void clearFilters();
    // Puts the keyboard focus in the text filter (Ctrl+Shift+F).
    void focusTextFilter();
    // Clears every filter and searches for the text, then emits changed at once.
    void showOnly(const QString &text);

signals:
    void changed();

private:
    void apply();
    void onPeriodChanged();

    QComboBox *m_period;
    QDateEdit *m_since;
    QLabel *m_rangeDash;
    QDateEdit *m_until;
    QComboBox *m_sourceType;
    QComboBox *m_category;
    QLineEdit *m_text;
    QTimer *m_textDebounce;
    QPushButton *m_clear;
};
