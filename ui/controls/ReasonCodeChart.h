#pragma once

#include <QChartView>
#include <QList>

struct ControlsReportData;

// The controls report's manual changes by reason code as a chart: for each code, the XP given and
// the XP taken in the period, side by side, the codes in the report's order from the top.
class ReasonCodeChart final : public QChartView
{
    Q_OBJECT

public:
    explicit ReasonCodeChart(QWidget *parent = nullptr);

    void setReport(const ControlsReportData &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void replaceChart(QChart *chart);

    QList<std::pair<QString, std::pair<qint64, qint64>>> m_rows; // label, (given, taken)
    bool m_shown = false;
};
