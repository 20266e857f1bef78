#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QWidget>

#include <utility>

class QComboBox;
class QDateEdit;
class QLabel;

// The days a chart covers: a preset (the last 7, 30 or 90 days, the last year, all) or a custom
// range picked with two date fields, which show only for Custom.
class ChartRangeBar final : public QWidget
{
    Q_OBJECT

public:
    enum class Preset { Last7Days, Last30Days, Last90Days, LastYear, All, Custom };

    explicit ChartRangeBar(QWidget *parent = nullptr);

    Preset preset() const;
    void setPreset(Preset preset);
    // Chooses Custom with these days.
    void setCustomRange(const QDate &first, const QDate &last);
    // The first and last day chosen, as of today; invalid dates for All.
    std::pair<QDate, QDate> range(const QDate &today = QDate::currentDate()) const;
    // The same as a document's period reads it: since inclusive, until exclusive (UTC), invalid for
    // no bound. A range that takes in today ends now (no bound), so that a closing balance meets
    // the cached total.
    std::pair<QDateTime, QDateTime> period(const QDate &today = QDate::currentDate()) const;

    QComboBox *presetCombo() const { return m_preset; }
    QDateEdit *firstEdit() const { return m_first; }
    QDateEdit *lastEdit() const { return m_last; }

    // The preset and the custom days, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

signals:
    void rangeChanged();

private:
    void updateCustomVisibility();

    QComboBox *m_preset;
    QDateEdit *m_first;
    QLabel *m_dash;
    QDateEdit *m_last;
};
