"""Numeric facts, tables and checks, against hand-checked expectations."""
import json
import re

import pytest
from conftest import FIXTURES, RAW

from model.document import Cell, Document
from model.identities import consistent
from model.numbers import find_numbers
from model.pipeline import Pipeline, analyze
from model.readers import read_path
from model.table_rows import Row
from model.tables import readings
from training.evaluate import gold_facts, score_facts
from training.metrics import fact_key


def run(text: str) -> Document:
    return analyze(Document(id="t", source="t", text=text))


@pytest.mark.parametrize("text,expected", [
    ("主动公开政府信息95条。", [("95", 95, "条", False)]),
    ("网站发布信息 5500 余条，近30件，约2万条", [("5500", 5500, "条", True), ("30", 30, "件", True), ("2万", 20000, "条", True)]),
    ("召开三次会议，培训一百二十人次，两个窗口", [("三", 3, "次", False), ("一百二十", 120, "人次", False), ("两", 2, "个", False)]),
    ("全角数字１２条，专项经费1,234.5元", [("１２", 12, "条", False), ("1,234.5", 1234.5, "元", False)]),
    ("两三个人，七八次", []),  # a vague range is not a number
    # 以上 and 左右 after the measure word are bounds too (w5205).
    ("通过手机短信、微信、QQ群公开15000条以上，发布信息20条左右", [("15000", 15000, "条", True), ("20", 20, "条", True)]),
    # A PDF's line wrap inside a number; a table's cells one per line stay apart.
    ("我局2010年共主动公开政府信息1\n\n75条，其中", [("1\n\n75", 175, "条", False)]),
    ("本年新收政府信息公开申请数量\n3\n0", [("3", 3, "", False), ("0", 0, "", False)]),
])
def test_number_values_units_and_approximation(text, expected):
    got = [(text[n.start:n.end], n.value, n.unit, n.approximate) for n in find_numbers(text)]
    assert got == expected


@pytest.mark.parametrize("text", [
    "联系电话:043264178005,邮编:132213", "电话：0591-23162606，传真：0432-64178005", "2015112日)",
    "统计期限自2024年1月1日至2024年12月31日", "《条例》（国令第711号）", "国办公开办函〔2019〕60号",
    "第二十条第（一）项", "地址：翔宇南道1号，7号楼14层", "网址 www.pingtan.gov.cn/zwgk 邮箱 ab12@163.com",
    "- 3 -", "1.属于国家秘密", "时间：2020-01-19 14:16", "共六个部分",
    # A congress's session, not a count of meetings (w4301); an ordinal.
    "对邹城市十八届人大二次会议第34号建议的复文公示", "区政协十届二次全体会议期间", "区政府第3次常务会议",
])
def test_never_facts(text):
    assert find_numbers(text) == [] or all(n.unit == "" for n in find_numbers(text))
    assert run("一、概述\n" + text + "\n二、主动公开政府信息情况\n主动公开政府信息5条。").facts[0].value == 5


def test_seed_facts_and_not_reported_exactly_as_the_spec_gold(seed_text):
    gold = json.loads((RAW / "seed_gold.json").read_text(encoding="utf-8"))
    doc = run(seed_text)
    got = sorted((f.metric, f.value, f.unit, f.start, f.end) for f in doc.facts)
    assert got == sorted((f["metric"], f["value"], f["unit"], *f["span"]) for f in gold["facts"])
    assert doc.not_reported == gold["not_reported"]
    phone, post = seed_text.index("043264178005"), seed_text.index("132213")
    assert not any(f.start <= phone < f.end or f.start <= post < f.end for f in doc.facts)
    assert not any(seed_text[f.start:f.end] in ("2015", "2014", "2016") for f in doc.facts)


def test_statements_of_none_are_zero_facts_and_only_blank_items_are_not_reported():
    text = ("三、依申请公开政府信息情况\n（一）收到申请数。\n无\n（二）申请办结数。\n\n"
            "四、行政复议情况\n2014年未收到因政府信息公开提出的行政复议申请。\n五、收费\n无收费及减免情况。")
    doc = run(text)
    assert sorted((f.metric, f.value) for f in doc.facts) == [("request_fees", 0), ("requests_received", 0),
                                                              ("reviews", 0)]
    # Each zero's span is the words that say so.
    spans = {f.metric: text[f.start:f.end] for f in doc.facts}
    assert spans["requests_received"] == "无" and spans["reviews"].startswith("未收到") and "复议" in spans["reviews"]
    assert doc.not_reported == ["requests_completed"]
    both = run("二、复议诉讼\n全年未发生因政府信息公开引起的行政复议、行政诉讼。")
    assert sorted((f.metric, f.value) for f in both.facts) == [("lawsuits", 0), ("reviews", 0)]
    passive = run("二、复议诉讼\n我局没有被申请行政复议、提起行政诉讼。")
    assert sorted((f.metric, f.value) for f in passive.facts) == [("lawsuits", 0), ("reviews", 0)]
    untouched = run("三、收费情况\n全年未涉及政府信息公开的收费及减免情况。")
    assert [(f.metric, f.value) for f in untouched.facts] == [("request_fees", 0)]
    caused = run("二、复议诉讼\n全年未收到因政府信息公开申请的行政复议和提起的行政诉讼事件。")
    assert sorted((f.metric, f.value) for f in caused.facts) == [("lawsuits", 0), ("reviews", 0)]
    free = run("三、收费情况\n依申请公开实行零收费。")
    assert [(f.metric, f.value) for f in free.facts] == [("request_fees", 0)]
    nothing = run("二、复议诉讼\n无涉及政府信息公开行政复议、诉讼案件。")
    assert sorted((f.metric, f.value) for f in nothing.facts) == [("lawsuits", 0), ("reviews", 0)]
    # Cases named in the clause after a negated one are denied by it; a clause of its own about them is not.
    after = run("二、复议诉讼\n我局未受理政府信息公开申请，行政复议和行政诉讼。")
    assert sorted((f.metric, f.value) for f in after.facts) == [("lawsuits", 0), ("requests_received", 0), ("reviews", 0)]
    because = run("二、复议诉讼\n2016年，县环保局未因政府信息公开工作不作为等情况，而发生申请行政复议和行政诉讼案件。")
    assert sorted((f.metric, f.value) for f in because.facts) == [("lawsuits", 0), ("reviews", 0)]
    going = run("二、复议诉讼\n我局未收到政府信息公开申请，行政复议工作有序开展。")
    assert [(f.metric, f.value) for f in going.facts] == [("requests_received", 0)]
    # Words a wrap or a mirror's pinyin note cut apart still say so; the span ends after them.
    cut = run("二、复议诉讼\n本年度没有因政府信息提起行政復(fù)議和行政訴(sù)訟的情況。")
    assert sorted((f.metric, f.value) for f in cut.facts) == [("lawsuits", 0), ("reviews", 0)]
    assert all(cut.text[f.end - 1] in "議訟" for f in cut.facts)
    # Not receiving information on request is not receiving requests (d140); having none is not (d022).
    assert [(f.metric, f.value) for f in run("三、依申请公开\n2014年未收到依申请公开政府信息情况。").facts] == \
        [("requests_received", 0)]


@pytest.mark.parametrize("text", [
    "本年度未收到12345热线转办的政府信息公开申请。",           # a hotline's requests
    "全年未收到政府信息公开方面的咨询。",                      # consultations
    "未收到行政许可申请。",                                     # licensing
    "2015年该局未收到政府信息公开申请。",                       # another year than the report's 2016
    "未经复议直接起诉的案件，其中1件尚未审结。",                 # "未经" and "尚未审结" deny nothing
    "该行政复议件未被复议审查机关纠错。",                        # "未被…纠错" is an outcome, not none
    "1.本机关不掌握相关政府信息1000000102.没有现成信息需要另行制作00000003.补正后申请内容仍不明确",  # table labels
    "本年度我镇没有依申请公开和不予公开的政府信息。",             # information released, not requests
    "没有因“依申请公开”引起的纠纷。",                              # caused by a request: not requests
    "全年未发生依申请政府信息。",                                   # information on request, not requests
])
def test_none_statements_out_of_scope_give_nothing(text):
    doc = run("2016年某局政府信息公开工作年度报告\n一、概述\n" + text)
    assert [f for f in doc.facts if f.value == 0] == []


@pytest.mark.parametrize("sentence,expected", [
    ("截至2016年底累计公开政府信息457条。", []),                                   # a running total
    ("全年主动公开政府信息120条，其中通过门户网站公开98条。", [("proactive_total", 120), ("proactive_website", 98)]),
    ("通过县政府门户网站主动公开信息87条。", [("proactive_website", 87)]),           # the website's share, not the total
    ("主动公开政策文件1490件。", []),                                             # one category of documents
    ("2015年通过门户网站公开政府信息24条。", []),                                  # another year
    ("全年受理12345热线诉求356件。", []),                                        # hotline
    ("办理行政许可申请3047件。", []),                                             # licensing
    ("政府网站访问量增长35%。", []),                                              # a percentage
    ("配备1名专职工作人员、2名兼职工作人员。", [("staff_fulltime", 1), ("staff_parttime", 2)]),
    ("共收到8份政府信息公开申请。", [("requests_received", 8)]),
    # The label after the number, with a publishing verb before it; a channel's share or a
    # running total is still not the total.
    ("今年我局公开356条政务信息。", [("proactive_total", 356)]),
    ("今年我局在门户网站公开356条政务信息。", [("proactive_website", 356)]),
    ("历年累计公开457条政府信息。", []),
    ("今年督促各部门发布3044条政务信息。", []),                                 # subordinate units
    # "截止12月31日" closes the year the sentence names (d068); "截至2016年底累计" runs over years.
    ("今年我乡通过政府网站、政务新媒体等渠道公开政府信息，截止12月31日共发布政务信息60条。", [("proactive_total", 60)]),
    ("截至2016年底累计发布政务信息457条。", []),
    ("共收到依申请公开信息2条。", [("requests_received", 2)]),
    ("全年受理咨询依申请公开信息5条。", []),                                   # consultations
    ("发布依申请公开信息28条。", []),                                           # released on request
    # Last year's carried-over requests name a year that is not another year's figures.
    ("全年共收到政府信息公开申请95件，2015年结转3件，共办结98件。", [("requests_received", 95), ("requests_completed", 98)]),
    ("2015年共办结申请98件。", []),
    # The words before 和 name the figure before it.
    ("发布10个系列解读和31个图解图示。", []),
    # Sub-channels, combined outcomes, multi-year totals, others' training, running totals to a date.
    ("全年办结政府信息公开申请21件，其中网络申请数11件，信函申请数10件。", [("requests_completed", 21)]),
    ("近3年共受理信息公开申请2件。", []),
    ("共完成新型农民惠农政策培训1650人次。", []),
    ("截至2013年12月27日，我局依托门户网站累计主动公开政府信息440条。", []),
    ("通过政府门户网站及公众号、微信等渠道发布权责清单、专项规划、社会公益等各类政府信息102条。", [("proactive_total", 102)]),
    ("全年主动公开行政许可、行政处罚等各类政府信息80条。", [("proactive_total", 80)]),
    # One channel: not the total, the website's.
    ("通过门户网站发布权责清单、专项规划等各类政府信息80条。", [("proactive_website", 80)]),
    ("截至2016年12月31日，全年累计主动公开政府信息395条。", [("proactive_total", 395)]),
    # The table's row labels run into prose deny nothing ("申请人无正当理由逾期不补正…").
    ("（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请00000002.申请人逾期未按收费通知要求缴纳费用", []),
    ("未收到有关政府信息公开行政复议的申请。", [("reviews", 0)]),
    # In the section on requests its topic is implied; one outcome is not every answer.
    ("三、依申请公开政府信息情况\n同意公开答复1条，由于信息不存在否决公开答复1条。", []),
    ("三、依申请公开政府信息情况\n本年度已答复件数2件。", [("requests_answered", 2)]),
    ("本年度已答复件数2件。", []),                                              # under 概述: answers to what?
    # A mirror copy in traditional characters.
    ("全年審查公開信息1517條，行政訴訟24件。", [("proactive_total", 1517), ("lawsuits", 24)]),
    # A figure without its measure word after a count's label; a table row run into the text is no such figure.
    ("三、依申请公开政府信息情况\n政府信息公开申请数为2，当面申请数为2条。", [("requests_received", 2)]),
    ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量1000001二、上年结转政府信息公开申请数量0000000", []),
    ("三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\n3\n0\n0。", []),
    # 全职 is 专职; public reading rooms named after their count; a year things started from frames nothing.
    ("本区自2004年5月起开展政府信息公开工作，目前已配备11名全职工作人员、66名兼职工作人员，并开辟了15个公共查阅室。",
     [("staff_fulltime", 11), ("staff_parttime", 66), ("reading_points", 15)]),
    ("本机关从事政府信息公开工作的全职人员1人。", [("staff_fulltime", 1)]),
    ("设立了1个专门的信息申请受理点，并开辟了4个（电子阅览室、公共查阅点等）。", [("reading_points", 4)]),
    ("在区政府网站公开本年度信息69条，其中乡文件13条。", [("proactive_website", 69)]),
    # A running total "to now"; a channel's part of another channel's count, beside a channel's share of every channel.
    ("本单位到目前累计主动公开政府信息100条。", []),
    ("全市通过新媒体主动公开政府信息186896条，占总数的49.9%。其中，政务微博公开信息5478条。", []),
    ("通过政府网站、微信等渠道公开信息500条，其中政府网站公开300条。", [("proactive_total", 500), ("proactive_website", 300)]),
    # The apps and microblogs ("两微一端") are a channel, not every channel; 专兼职 staff are all the staff.
    ("全年通过“两微一端”发布信息800条。", []),
    ("明确专人负责，现有专兼职工作人员5名。", [("staff", 5)]),
    # After 其中 under one channel's count: a category or a channel's part, never the total; under all
    # information made, or under a running total, the year's total.
    ("今年以来，通过门户网站公开政府信息3636条，其中涉及财政预算决算、“三公”经费和行政经费公开信息9条；保障性住房信息7条。",
     [("proactive_website", 3636)]),
    ("我区各部门共开设新媒体数量70个。其中微博29个，共发布信息1992条；微信公众号41个，共发布信息3404条。", []),
    ("制作、获取政府信息总数1873条，其中主动公开政府信息425条。", [("proactive_total", 425)]),
    ("截止12月25日，我局在门户网站累计主动公开政府信息805条。其中本年度我局共主动公开政府信息360条。",
     [("proactive_total", 360)]),
    # The disclosure platform is the website channel (the dev set's convention), a column is not.
    ("全市依托政府信息公开网络平台主动公开政府信息101292条。", [("proactive_website", 101292)]),
    ("在政府信息公开专栏更新信息158条。", []),
    # The answers to one channel's requests are not all the answers.
    ("三、依申请公开政府信息情况\n依申请公开2条(答复网上申请1条，纸质版快递邮寄1条)。", []),
    # Figures 分别 (respectively) for two channels are neither channel's count.
    ("本年度，我局在门户网站以及公安公众服务网上分别公布信息163条、72条。", []),
    # One platform of the website is one channel, not every channel; the website's platform is the website.
    ("向网站公共服务平台上传信息32条。", []),
    ("本年度，我区在政府网站平台主动公开政府信息1136条。", [("proactive_website", 1136)]),
    # The requests as a count of 依申请公开; a fee statement naming only 信息处理费.
    ("本年度依申请公开办理数量为12件。", [("requests_received", 12)]),
    ("本年度无收取信息处理费情况。", [("request_fees", 0)]),
    # A count of several kinds together is not the interpretations'.
    ("全年解读政策、公布单位人事变动、业务动态等共计50条。", []),
    ("围绕创新论坛共发布政策、解读政策10条。", []),
    ("本年度未出台规范性文件，转载、发布解读信息0条。", [("interpretations", 0)]),
    # A label ended by a colon right before its figure; 依申请公开事项 counted in 项.
    ("全年主动公开信息数：126条。", [("proactive_total", 126)]),
    ("三、依申请公开政府信息情况\n共受理申请：6件。", [("requests_received", 6)]),
    ("三、依申请公开政府信息情况\n本年度收到依申请公开事项3项。", [("requests_received", 3)]),
    ("三、依申请公开政府信息情况\n全年受理依申请公开政府信息申请13宗。", [("requests_received", 13)]),
    ("三、依申请公开政府信息情况\n依申请公开信息的申请量为5件。", [("requests_received", 5)]),
    # Staff of one kind named before what they do.
    ("配备兼职信息公开工作人员1名。", [("staff_parttime", 1)]),
    # A body's every review or lawsuit, then those about disclosure: only the latter are the report's.
    ("全县共受理行政复议申请3件，其中涉及政府信息公开的1件。", [("reviews", 1)]),
    ("本年度我局共办理行政诉讼案件12起，其中因政府信息公开引起的0起。", [("lawsuits", 0)]),
    # A reading room is a channel of its own: the website and it together are every channel, and the
    # portal's figure after 其中 is the website's.
    ("全市通过政府网站、信息查阅场所等公开信息12000条。其中，通过市政府门户网站公开政府信息3000条。",
     [("proactive_total", 12000), ("proactive_website", 3000)]),
    # A list after 其中 takes its topic from the sentence before it; two other channels' figures are
    # neither the other channels' count.
    ("本年度主动公开政府信息900条。其中，通过门户网站发布信息800条，政务新媒体发布信息100条。",
     [("proactive_total", 900), ("proactive_website", 800), ("proactive_other", 100)]),
    ("通过政府网站公开信息160条，政务微信公开信息20条，村务公开栏公开信息15条。", [("proactive_website", 160)]),
    # To date (截至目前，…) frames the clauses after it, up to a 其中 that names the year.
    ("截至目前，通过区政府网站主动公开政府信息32条。", []),
    ("截至目前，累计主动公开政府信息1700条，其中2016年度共主动公开政府信息200条。", [("proactive_total", 200)]),
    ("至2016年12月31日，累计主动公开政府信息74条。", []),
    # Staff named as one kind after the figure; requests counted in 条 as 申请公开政府信息数; quotes.
    ("明确1名工作人员作为专职信息公开员。", [("staff_fulltime", 1)]),
    ("三、依申请公开政府信息情况\n2016年度收到申请公开政府信息数3条。", [("requests_received", 3)]),
    ("三、依申请公开政府信息情况\n2016年度，我县共收到9件“依申请公开”申请。", [("requests_received", 9)]),
    ("全年收到公民、法人和其他组织政府信息公开申请共16件。", [("requests_received", 16)]),
    # 累计 in the year's paragraph totals the year for a channel as for the total; to a date it does not.
    ("2016年，通过“某某发布”微信公众号累计公开信息216条。", [("proactive_other", 216)]),
    ("截至2016年12月20日，微信公众号累计公开信息500条。", []),
    # Interpretations made, after another thing done, are not one category of a list.
    ("新发布的行政规范性文件4件，制作相关解读文字和图片8个。", [("interpretations", 8)]),
    ("其中工作动态110条，通知公告72条，政策解读6条。", []),
    # Read in the second web batch: the extranet is the website; a platform of 微信/微博 is that channel;
    # a form's count line; every kind listed before 等政府信息; two channels in two sentences of a paragraph.
    ("2016年度累计公开政府信息1930条，其中某市市场监督管理局政务外网公开1387条。",
     [("proactive_total", 1930), ("proactive_website", 1387)]),
    ("二、主动公开政府信息情况\n通过官方微信、微博平台公开政府信息2809条。", [("proactive_other", 2809)]),
    ("二、主动公开政府信息情况\n通过政府门户网站共发布信息18篇。", [("proactive_website", 18)]),
    ("二、主动公开政府信息情况\n其他方式公开政府信息条数共计6条。", [("proactive_other", 6)]),
    ("全年主动公开概况信息、重点工作、政策文件、公示公告等政府信息235条。", [("proactive_total", 235)]),
    ("二、主动公开政府信息情况\n三是通过政务微博公开政务信息70条。四是通过政务微信公开政府信息73条。", []),
    # A channel's figure under the item heading 主动公开 (the heading names the topic for channels only);
    # a WeChat account named before 推送、发布各类信息; 结转至<next year>.
    ("（一）主动公开情况\n2016年，通过门户网站发布政务信息212件，通过“某某发布”微信公众号发布信息共计196条。",
     [("proactive_website", 212), ("proactive_other", 196)]),
    ("（二）依申请公开情况\n区县已入驻审批服务部门13个，共受理申请121510件。", []),
    ("（一）主动公开情况\n2016年通过“某某局”微信公众号共发布732篇公众号文章。", []),  # articles carry news too
    ("二、主动公开政府信息情况\n全年通过微信公众号“某某镇人民政府”推送、发布各类信息137条。", [("proactive_other", 137)]),
    # A county's every level and department together is its total; two other channels' figures in a
    # list joined by 、; other channels named with words between; a press conference held, not attended.
    ("2016年，全县各级各部门主动公开政府信息共计14189条，其中政府网站公开5419条、政务微信公开3914条、"
     "其他方式公开4856条。", [("proactive_total", 14189), ("proactive_website", 5419)]),
    ("2016年通过门户网站和其他信息公开渠道主动公开政府信息2398条。", [("proactive_total", 2398)]),
    ("主要负责同志参加市政府新闻发布会1次。召开1次新闻发布会。", [("press_conferences", 1)]),
    # ... also as a list's second item (w218); a training attended is none held (w3014), one organised for the
    # staff is (w136).
    ("委主要负责同志参加《百姓问政》1期、市政府新闻发布会1次。", []),
    ("政务公开人员参加政府服务局培训会议1次。", []),
    ("组织市政府各职能部门信息公开工作具体负责人参加业务培训2次。", [("trainings", 2)]),
    ("其中：工作动态类信息122条，占74%；规范性文件6条，占4%；政策解读6条，占4%。", []),
    # A sentence whose subject is one channel gives that channel's figure; every kind of what a website
    # published (…等群众关心的信息); to a year's end 累计 runs over years, the part after 其中 is the year's.
    ("黄石市政府门户网站围绕中心工作，主动公开各类政府信息7217条。", [("proactive_website", 7217)]),
    ("全年通过政府网站主动公开财政预决算、招生入学政策、重要政策解读等群众关心关注的信息共计86条。",
     [("proactive_website", 86)]),
    ("本镇到2016年底累计主动公开政府信息81条，全文电子化率达100%，其中，本年度新增的主动公开政府信息27条。",
     [("proactive_total", 27)]),
    ("通过眉山日报、眉山电视台等媒体公开信息110条。", [("proactive_other", 110)]),
    # The website's count has no other channel's part; a district's every department is its whole, offline
    # ways are another channel; answers in the time set; requests 受理 as 依申请公开; completed after the count.
    ("2016年，全旗各地各部门通过门户网站主动公开政府信息8720条，其中政务公开栏目4782条；通过微信平台等新媒体"
     "渠道公开信息16435条。", [("proactive_website", 8720), ("proactive_other", 16435)]),
    ("2016年全区各部门主动公开信息13648条，其中政府网站2689条，政务新媒体公开3086条，线下方式公开7873条。",
     [("proactive_total", 13648), ("proactive_website", 2689)]),
    ("三、依申请公开政府信息情况\n共收到申请7件，其余4件已在规定期限内予以答复。",
     [("requests_received", 7), ("requests_answered", 4)]),
    ("三、依申请公开政府信息情况\n公开各类建议提案答复12件，依申请公开受理6件。", [("requests_received", 6)]),
    ("三、依申请公开政府信息情况\n全年收到政府信息公开申请5件，其中3件完成办结。",
     [("requests_received", 5), ("requests_completed", 3)]),
    # Read in the sixth batch: requests as 依申请公开信息要求 or 依申请公开政府信息申请; answers to them;
    # trainees 参训; a website's 政务信息公开总计; proposals' replies published online are no channel's count;
    # messages completed are not requests.
    ("三、依申请公开政府信息情况\n共收到4条依申请公开信息要求。", [("requests_received", 4)]),
    ("三、依申请公开政府信息情况\n2016年全年依申请公开政府信息申请 4件。", [("requests_received", 4)]),
    ("三、依申请公开政府信息情况\n共接收到依申请公开2件，按时答复依申请公开2件。",
     [("requests_received", 2), ("requests_answered", 2)]),
    ("五、培训情况\n全市举办政府信息公开各类培训共31期，累计1162人次参训。", [("trainings", 31), ("trainees", 1162)]),
    ("二、主动公开政府信息情况\n石江乡2016年在政府网站政务信息公开总计123条。", [("proactive_website", 123)]),
    ("办理完成人大代表建议4件、政协委员提案13件，网上公开13件。", []),
    ("三、依申请公开政府信息情况\n指导和办理依申请公开9件，受理和办结网民留言17件。", [("requests_received", 9)]),
    # Requests handled in 条; answers restated with their count; standing staff to date.
    ("三、依申请公开政府信息情况\n全年处理政府信息公开申请2条。", [("requests_received", 2)]),
    ("三、依申请公开政府信息情况\n共受理依申请公开9件。9件申请均在法定期限内予以回复。",
     [("requests_received", 9), ("requests_answered", 9)]),
    ("截至目前，专门配备了2名专职工作人员、1名兼职工作人员。", [("staff_fulltime", 2), ("staff_parttime", 1)]),
    # All information made public, then the part made public of the body's own motion.
    ("我委2016年度共公开政府信息312条，其中主动公开309条，依申请公开3条。", [("proactive_total", 309)]),
    # Read in the seventh batch: every kind (各类信息) is no category; a site's push (推送) and a notice board's
    # 公示; the disclosure column of a portal is the portal; a list of kinds ending 等共计 after a channel; the
    # channels named before 等平台; a kind named before 政府信息; an abbreviation's note; a none after a list.
    ("全年累计主动公开各类信息8条，涵盖街道工作总结。", [("proactive_total", 8)]),
    ("二、主动公开政府信息情况\n通过县政府门户网站审发推送信息50条，其中政务概况类信息1条；通过镇政府公示栏公示203条。",
     [("proactive_website", 50), ("proactive_other", 203)]),
    ("全年共在扎赉特旗人民政府门户网站政府信息公开专栏主动发布政务信息10条。", [("proactive_website", 10)]),
    ("依托“靓丽永安”公众号公开发布各类宣传信息、政务信息、政策解读等共计259条。", [("proactive_other", 259)]),
    ("通过大冶市人民政府信息公开网站主动公开规划信息、统计信息、许可服务等共计94条。", [("proactive_website", 94)]),
    ("全年解读政策、公布单位人事变动、业务动态等共计50条。", []),
    ("全年主动公开政务信息891条。其中，通过吴兴区政务公开网站公开信息755条、通过传统媒体、信息公开栏等平台公开"
     "信息136条。", [("proactive_total", 891), ("proactive_website", 755), ("proactive_other", 136)]),
    ("今年我镇主动利用微信公众号等新媒体公开群众广泛关注的政府信息共59条。", [("proactive_other", 59)]),
    ("本机关共计主动公开政府信息638条。其中，通过“上海静安”门户网站（以下简称“区门户网站”）公开9条。",
     [("proactive_total", 638), ("proactive_website", 9)]),
    ("我镇收到处理政府信息公开申请0件，发生政府信息公开类行政复议、行政诉讼0件。",
     [("requests_received", 0), ("reviews", 0), ("lawsuits", 0)]),
    # Read in the tenth batch: a running total then the year's new ones; requests counted in 起; staff 全职人员数;
    # a body's own information (公开街道信息); a channel named alone in a list of channels; interpretations
    # made (解读政策文件) after a list of other counts; a gazette named after its issues.
    ("通过门户网站、微信公众号等平台载体，累计主动公开政府信息3819条，本年度新增295条。", [("proactive_total", 295)]),
    ("三、依申请公开政府信息情况\n2016年度，我局共收到信息公开申请22起，答复22起。",
     [("requests_received", 22), ("requests_answered", 22)]),
    ("本年度政府信息公开专职人员总数269人，其中，全职人员数23人，兼职人员数246人。",
     [("staff_fulltime", 23), ("staff_parttime", 246)]),
    ("我局配备2名具体工作人员负责政府信息公开。", [("staff", 2)]),
    ("本街道在政府官网上主动公开街道信息423条。", [("proactive_website", 423)]),
    ("主动公开信息16872条，其中政府信息公开专栏信息5326条，政务新媒体信息10515条。",
     [("proactive_total", 16872), ("proactive_other", 10515)]),
    ("全年通过区政府网站发布各类政策文件1290件，解读政策文件4件。", [("interpretations", 4)]),
    ("“上海科技”网站全年累计发布信息2139条，其中动态类信息发布1744条，政务信息发布393条，解读类信息发布21条，"
     "回应公众关注热点信息2条。", [("proactive_website", 2139), ("hot_responses", 2)]),
    ("二是持续办好政府公报。2016年共完成9期《南昌市人民政府公报》的编辑出版。", [("gazette_issues", 9)]),
    # Read in the thirteenth batch: news reports are another channel (two others: neither's count); important
    # information; every kind of platform is every channel; a channel's work news; a year compared with.
    ("在主动公开方面，2016年通过区政府门户网站发布信息2213条，政务新媒体发布信息3382条，新闻报道发布信息2717条。",
     [("proactive_website", 2213)]),
    ("全年在园区门户网站主动公开重要政务信息1180条。", [("proactive_website", 1180)]),
    ("2016年，园区通过各类平台累计主动公开政府信息179条。", [("proactive_total", 179)]),
    ("二、主动公开政府信息情况\n依托微信公众号“仁和东石”发布各类工作动态信息共1014条。", [("proactive_other", 1014)]),
    ("三、依申请公开政府信息情况\n2016年度，我局共收到信息公开申请22起，比2015年（31起）下降29%，答复22起。",
     [("requests_received", 22), ("requests_answered", 22)]),
    # Read in the twelfth batch: a channel named in the clause before, as the means; a disclosure system is the
    # website; a site as the main platform; a none cut by the excerpt's end right after 依申请 says nothing.
    ("二、主动公开政府信息情况\n此外，还通过长河发布微信公众号，发布信息977条。", [("proactive_other", 977)]),
    ("二、主动公开政府信息情况\n通过政务微信公众号，发布信息96条。", [("proactive_other", 96)]),
    ("二、主动公开政府信息情况\n通过门户网站、微信公众号等渠道，共发布信息500条。", [("proactive_total", 500)]),
    ("东湖街道办事处在越城区政府信息公开系统上主动公开政府信息47条。", [("proactive_website", 47)]),
    ("2016年以部门网站为主要公开平台发布信息1287条。", [("proactive_website", 1287)]),
    ("三、依申请公开政府信息情况\n2016年，我局没有依申请", []),
    # Read in the fourteenth and fifteenth batches: the year's part of a site's running total is the site's; a
    # notice board (宣传栏) is another channel; every kind of carrier (各类政府公开载体) is every channel; a WeChat
    # public platform is WeChat, but a named platform's figure beside it makes two other channels; a site's news;
    # the report's own year 以来; staff of the disclosure work.
    ("截至2016年12月31日，在县政府网站累计公开政府信息846条，其中本年度在县政府网站及本单位门户网站公开214条。",
     [("proactive_website", 214)]),
    ("全年通过政府网站、宣传栏等渠道主动公开各类信息29条。", [("proactive_total", 29)]),
    ("我局通过区政府信息公开网、简报信息报送、宣传栏等各类政府公开载体主动公开信息43条。", [("proactive_total", 43)]),
    ("二、主动公开政府信息情况\n微信公众平台发布36条，全年总浏览量达5500余次。", [("proactive_other", 36)]),
    ("二、主动公开政府信息情况\n通过人民政府网公开信息23条；通过“三务公开”平台公开信息154条；通过微信公众平台“魅力侨乡”"
     "公开信息1375条。", [("proactive_website", 23)]),
    ("2016年通过政府网站发布动态信息26条。", [("proactive_website", 26)]),
    ("二、主动公开政府信息情况\n2016年以来主动公开政府信息共83条。", [("proactive_total", 83)]),
    ("二、主动公开政府信息情况\n2008年以来主动公开政府信息共830条。", []),
    ("成立了楚门镇信息公开工作领导小组，配备了1名政府信息公开工作人员。", [("staff", 1)]),
    # Read in the seventeenth batch: a site named by its address; reviews and lawsuits counted in 条.
    ("2016年我乡通过广昌县人民政府（http://www.jxgc.gov.cn）主动公开长桥乡人民政府信息57条：其中部门公告4条。",
     [("proactive_website", 57)]),
    ("三、依申请公开政府信息情况\n无单位或个人申请政府信息公开，行政复议0条，行政诉讼0条。",
     [("requests_received", 0), ("reviews", 0), ("lawsuits", 0)]),
    # Read in the sixteenth batch: the year's requests 累计 in its paragraph; carried forward 转下年度; an
    # interpretation after 其中 of what a channel published is a part of it, one after 其中 of something else is not.
    ("三、依申请公开政府信息情况\n2016年，我区累计收到政府信息公开申请2件，都已及时答复。", [("requests_received", 2)]),
    ("2016年通过官网主动公开和发布信息231条，其中发布群众关注热点政策12条，发布政策解读5条。", [("proactive_website", 231)]),
    ("区政府门户网站共发布信息18439条，其中：概况类69条；共维护13个专栏，其中新开2个；共发布政策解读25篇。",
     [("proactive_website", 18439), ("interpretations", 25)]),
    # Read in the twentieth batch: a kind named before 的政府信息; a body's means before its figure; a site's own
    # information; none newly added.
    ("2016年，依托区政府门户网站向社会主动公开编制索引目录的政府信息18条。", [("proactive_website", 18)]),
    ("2016年，我局依托市政府门户网站，主动公开工作动态、规范性文件、财务信息等各类政务信息275条。",
     [("proactive_website", 275)]),
    ("二、主动公开政府信息情况\n全年发布政府网站信息640条、微信公众号2890条、视频号及抖音号548条。", [("proactive_website", 640)]),
    # Read in the nineteenth batch: related information, a site's information news, requests accepted (接受),
    # requests completed (已完成…申请).
    ("2016年，门户网站共发布相关信息346条。", [("proactive_website", 346)]),
    ("2016年通过旗政府网站主动公开信息动态86条。", [("proactive_website", 86)]),
    ("三、依申请公开政府信息情况\n2016年，我局接受依申请公开事项9件，已完成依申请公开申请9件。",
     [("requests_received", 9), ("requests_completed", 9)]),
    # Interpretations in 份; press conferences named after the count, in quotes, in a list.
    ("依托门户网站发布政策解读13份。", [("interpretations", 13)]),
    ("精心组织11期“在线访谈”和29场“新闻发布会”，有效提升政策知晓率。", [("press_conferences", 29)]),
    # Not a statement of none: a duty explained.
    ("依申请公开，即政府机关没有主动公开之法定义务，一旦有人申请公开，即应提供。", []),
    # Read in the twenty-second batch: every kind of a topic's information (各类环境信息); requests named after the
    # figure as 事项; 等关键信息 as every kind; interpretations done in a form (以图文形式解读); an account
    # opened and publishing gives its own figure; a share of the documents made is no count of information.
    ("全年通过我局政府部门网站主动公开各类环境信息共计1349条。", [("proactive_website", 1349)]),
    ("三、依申请公开政府信息情况\n2016年我局收到2份依申请公开事项，并在规定时间内答复。", [("requests_received", 2)]),
    ("依托佳木斯市人民政府网站发布环境质量监测、执法监管、督察整改等关键信息110条，召开新闻发布会2场。",
     [("proactive_website", 110), ("press_conferences", 2)]),
    ("2016年通过高新区网站公开信息311条，以图文形式解读政策文件7篇。", [("proactive_website", 311), ("interpretations", 7)]),
    ("二、主动公开政府信息情况\n高新区拓展政府信息公开渠道，9月份开通高新区公众号，发布信息64条，订阅数224个。", [("proactive_other", 64)]),
    ("2016年区人社局共制定公文45件，其中主动公开41件，主动公开率为91.11%。", []),
    # Read in the twenty-first batch: an item heading marked with a bullet; staff named 政府信息公开人员; requests as
    # 办理事项; a 政务公开平台 is the website; requests answered (回复).
    ("- 主动公开情况。\n政务新媒体平台“某某微讯”微信公众号发布信息685条，采用图文形式。", [("proactive_other", 685)]),
    ("与去年相同安排一名政府信息公开人员，同时配备B岗人员。", [("staff", 1)]),
    ("三、依申请公开政府信息情况\n我镇今年共收到1条依申请公开政府信息办理事项，已及时答复。", [("requests_received", 1)]),
    ("2016年，我镇通过巴彦淖尔市政务公开平台主动公开各类政府信息共计142条。", [("proactive_website", 142)]),
    ("三、依申请公开政府信息情况\n回复公民依申请公开1件。", [("requests_answered", 1)]),
    # Read in the twenty-third batch: cases named after their count; meetings and trainings on 政府信息 work; two
    # channels' figures given 分别 are neither's total.
    ("全区本年度有12件行政复议案件，15件行政诉讼案件。", [("reviews", 12), ("lawsuits", 15)]),
    ("召开政府信息工作会议或专题会议12次，举办各类培训班10次，培训人员380人次，努力提升水平。",
     [("meetings", 12), ("trainings", 10), ("trainees", 380)]),
    ("管委会官方网站和政务新媒体微信公众号“福州自贸区”分别发布信息353条、542条。", []),
    # What a channel holds at the year's end is no count of the year's (the web set's README), unless the
    # sentence says the year; a none at the year's end is none in the year.
    ("截至2016年12月31日，通过县政府门户网站主动公开各类信息59条。", []),
    # A figure whose measure word fell out, right after a label and before the clause ends (w2015).
    ("三、依申请公开政府信息情况\n2016年我局共收到政府信息公开申请3 ，已全部办结。", [("requests_received", 3)]),
    # Read in the twenty-sixth batch: requests named after the figure past words on whose they are; 受理 after
    # 申请; requests in 条 after 依申请公开; a bare 诉讼 after reviews; 诉讼 in a list of cases denied.
    ("三、依申请公开政府信息情况\n2016年度我局接到0件针对本部门有关政府信息公开的申请。", [("requests_received", 0)]),
    ("三、依申请公开政府信息情况\n2016年，本行政机关政府信息公开申请受理0件。", [("requests_received", 0)]),
    ("三、依申请公开政府信息情况\n2016年我局收到政府信息依申请公开0条。", [("requests_received", 0)]),
    ("三、依申请公开政府信息情况\n答复后被行政复议9件，全部维持；诉讼1件，未审结。", [("reviews", 9), ("lawsuits", 1)]),
    ("三、依申请公开政府信息情况\n均按照规定予以答复，因信息公开答复提起行政复议、诉讼0件。", [("reviews", 0), ("lawsuits", 0)]),
    # Read in the twenty-seventh batch: press conferences in 期; a site run on a cluster's managing platform.
    ("组织召开县政府新闻发布会9期，聚焦重点领域。", [("press_conferences", 9)]),
    ("通过朝阳市政府网站集群管理平台共发布各类信息120条。", [("proactive_website", 120)]),
    # Read in the twenty-eighth batch: an app as a channel; the year's total in 篇 after 主动公开…信息 (not a
    # channel's articles, d037); what ought to be published is no count of what was; requests without a measure word.
    ("二、主动公开政府信息情况\n2016年全年，我局门户网站主动公开政务信息总量117条，蓉江新区发布和智慧蓉江APP共计公开154条。",
     [("proactive_website", 117), ("proactive_other", 154)]),
    ("本年度主动公开信息120篇，其中业务工作信息32篇。", [("proactive_total", 120)]),
    ("鱼峰区里雍镇公众号公开内容除政务信息外，涵盖政府日常工作等，2016年度累计计发布信息331篇。", []),
    ("主要类别为机构职能类信息1条，业务公文类0条，其他应当主动公开的政府信息3条。", []),
    # Read in the thirty-third batch: every kind published through 等渠道 far after them; requests answered are not
    # requests received, though their label ends with 申请.
    ("依托门户网、建设工程信息网、政务微信公众号等渠道，向社会公众公开涉及住建委职能相关工作动态和各类政府信息660条。",
     [("proactive_total", 660)]),
    ("三、依申请公开政府信息情况\n2016年度，共受理政府信息公开申请222件，答复政府信息公开申请226件。",
     [("requests_received", 222), ("requests_answered", 226)]),
    # Read in the thirty-first batch: 官微 as a channel; kinds listed with 等 before the figure; a site list ending 等渠道 is
    # every channel; requests in 条 after 依申请公开政府信息, in 次; cases named after 关于政府信息公开的.
    ("二、主动公开政府信息情况\n2016年官微发布信息444条。", [("proactive_other", 444)]),
    # Read in the thirty-second batch: a channel named alone in a list after 其中; a platform's 公开数量; a body that
    # charges nothing (不收取任何费用).
    ("2016年，我乡主动公开政府信息598条，其中，政务公开517条，政府微信公众号81条。",
     [("proactive_total", 598), ("proactive_other", 81)]),
    ("2016年我镇政务公开平台公开数量为26条，其中机构职能2条。", [("proactive_website", 26)]),
    ("四、收费情况\n我街信息公开不收取任何费用。", [("request_fees", 0)]),
    # Read in the thirty-eighth batch: a 公示公告栏 as a channel; requests 要求公开政府信息的; a site list ending 等平台
    # names every channel, so its figure is not the website's.
    ("主动公开政府信息378条，县人民政府网站信息公开60条，公示公告栏318条。",
     [("proactive_total", 378), ("proactive_website", 60), ("proactive_other", 318)]),
    ("三、依申请公开政府信息情况\n2016年，我局收到1份要求公开政府信息的申请，历年累计8份。", [("requests_received", 1)]),
    ("2016年，市政府办公室共通过市政府门户网站等平台主动公开政府信息247条。", []),
    # Read in the thirty-seventh batch: a running total at a year's end (2016年底…累计) beside the year's 新增; an
    # interpretations count inside a list of kinds 等信息共N条; channels listed 等多种形式 are every channel; requests
    # 受理群众依申请公开N条; cases counted before 也已全部审结.
    ("2016年底，本单位累计主动公开政府信息921条，全文电子化率达100%。2016新增的主动公开政府信息36条。",
     [("proactive_total", 36)]),
    ("其中，通过“政府信息公开”专栏发布政府信息指南、行政规范性文件、政策解读和其他主动公开内容等信息共34条。", []),
    ("全年通过政府门户网、电子屏等多种形式，主动公开政府信息1256条，其中政府文件46件。", [("proactive_total", 1256)]),
    ("三、依申请公开政府信息情况\n2016年，政务公开平台受理群众依申请公开0条。", [("requests_received", 0)]),
    ("三、依申请公开政府信息情况\n因信息公开申请而产生的2件行政诉讼案件也已全部审结。", [("lawsuits", 2)]),
    # Read in the thirty-sixth batch: kinds listed before 等信息主动公开; a city's 政报; requests as 请求, 事项, in 项, named
    # before 共收到, as 依申请政府信息公开.
    ("按要求对领导简介和分工、机构信息、政策文件、工作动态、公示公告等信息主动公开201条。", [("proactive_total", 201)]),
    ("2016年市政府网站共主动公开政府信息1.8万余条，编辑公开《桐乡政报》6期。",
     [("proactive_website", 18000), ("gazette_issues", 6)]),
    ("三、依申请公开政府信息情况\n2016年，我镇依申请公开请求9件，其中网络平台收到3件。", [("requests_received", 9)]),
    ("三、依申请公开政府信息情况\n2016年，首义路街道依申请公开事项1件。", [("requests_received", 1)]),
    ("三、依申请公开政府信息情况\n2016年，沌口街道接到2项政府信息公开的申请。", [("requests_received", 2)]),
    ("三、依申请公开政府信息情况\n2016年，我镇依申请公开政府信息共收到37件。", [("requests_received", 37)]),
    ("三、依申请公开政府信息情况\n今年共收到3条依申请政府信息公开，内容包括决算数据。", [("requests_received", 3)]),
    # Read in the forty-third batch: no interpretations and no responses to concerns are zeros; work still short
    # of its aim denies nothing.
    ("本年度本单位无政策解读和回应关切。", [("interpretations", 0), ("hot_responses", 0)]),
    ("政策解读工作还未完全到位。", []),
    # Read in the forty-second batch: cases 未涉及; interpretations named after their count.
    ("三、依申请公开政府信息情况\n全年新收政府信息公开申请11件，全部按时办结完成，未涉及行政复议和行政诉讼。",
     [("requests_received", 11), ("reviews", 0), ("lawsuits", 0)]),
    ("针对本年度出台的重要政策文件，精心撰写2篇文字解读材料，以通俗表述阐释政策。", [("interpretations", 2)]),
    # A fee denied under the section on fees is a disclosure fee, though the sentence does not say so; elsewhere not.
    ("三、政府信息公开的收费及减免情况\n2016年，我局工作正常运转。没有产生对公民、法人和其他组织的收费情况。",
     [("request_fees", 0)]),
    ("2016年，我局没有产生对公民、法人和其他组织的收费情况。", []),
    # Read in the forty-seventh batch: interpretations issued with documents (配发…解读材料) after a list item.
    ("2016年，公开以市政府及市政府办公室名义印发的文件18件，配发图文、视频等解读材料共33件。", [("interpretations", 33)]),
    # Read in the forty-sixth batch: a running total beside the year's 新增 is not the year's; a note after the figure
    # names its channel.
    ("2016年累计主动公开政府信息275条，全文电子化率达100%，其中，本年度新增的主动公开政府信息32条。",
     [("proactive_total", 32)]),
    ("全年累计公开政府信息2775条（网站公开）。通过设置专栏进行集中公开。", [("proactive_website", 2775)]),
    # Read in the fiftieth batch: staff named 人员负责…信息公开; full-time 信息人员.
    ("指定了专门科室，明确了1名人员负责政府信息公开工作。", [("staff", 1)]),
    ("（四）人员情况\n2016年度街道共有专职信息人员2名，负责信息报送。", [("staff_fulltime", 2)]),
    ("2016年度，我局通过政府网站信息公开平台主动公开各类文件通知、工作动态等397条。", [("proactive_website", 397)]),
    ("2016年度，我局通过政府门户网、政府采购网等渠道公开了预决算、政府采购、资金拨付和使用等各类信息221条，"
     "其中通过政府门户网站公开207条，通过四川政府采购网公开14条。", [("proactive_total", 221)]),
    ("三、依申请公开政府信息情况\n2016年，我局共收到0条依申请公开政府信息。", [("requests_received", 0)]),
    ("三、依申请公开政府信息情况\n年度内收到公民提出的申请公开政府信息1次，已第一时间公开。", [("requests_received", 1)]),
    ("三、依申请公开政府信息情况\n本年度收到有关政府信息公开的行政复议申请2件，发生2起关于政府信息公开的行政诉讼案件。",
     [("reviews", 2), ("lawsuits", 2)]),
    ("三、依申请公开政府信息情况\n2016年共收到和办理依申请公开2 ，无因政府信息公开引起的行政复议行政诉讼。",
     [("requests_received", 2), ("reviews", 0), ("lawsuits", 0)]),
    ("截至2016年12月31日，本年度政府网站公开政府信息304条。", [("proactive_website", 304)]),
    ("三、依申请公开政府信息情况\n截至2016年12月31日，我局未受理政府信息公开申请。", [("requests_received", 0)]),
    # Read in the 53rd-55th batches: the year's proactive figure in 件 and requests 新收 without 申请 (w5204); a
    # case as 例 (w5310); every kind of media channel is every channel (w5214).
    ("坚持以公开为常态、不公开为例外，全年主动公开41件、新收政府信息公开11件。",
     [("proactive_total", 41), ("requests_received", 11)]),
    ("二、依申请公开\n截止12月底，共有0例依申请公开。", [("requests_received", 0)]),
    # Read in the 61st-63rd batches: the website's figure with its label after it (w5904); reading points of a kind
    # (公安政府信息查阅点, w5901); answered 按规定 (w6004); interpretations in a list of what was published (w6102),
    # not in a breakdown after 其中.
    ("二、主动公开政府信息情况\n本年度，在乡人民政府网站共主动公开185份政务信息。", [("proactive_website", 185)]),
    ("为开展政府信息公开工作开辟了14个公安政府信息查阅点。", [("reading_points", 14)]),
    ("三、依申请公开\n全年共受理政府信息公开申请1156件，1132件已按规定在法定期限内予以答复。",
     [("requests_received", 1156), ("requests_answered", 1132)]),
    ("全年发布省政府文件197件、政策解读442件、政府公报29期。", [("interpretations", 442), ("gazette_issues", 29)]),
    ("通过政府网站主动公开各类政府信息107条，其中发布政策性文件18条，解读政策性文件18条。", [("proactive_website", 107)]),
    # Read in the 65th-66th batches: reviews and lawsuits counted in 次 (w6414); requests 申请受理N条 (w6408).
    ("三、依申请公开\n我街道因信息公开申请答复被申请行政复议1次，被提起行政诉讼1次。", [("reviews", 1), ("lawsuits", 1)]),
    ("三、依申请公开\n本年度，街道办事处政府信息公开申请受理1条。", [("requests_received", 1)]),
    # Other information listed is no total (w5715).
    ("通过县政府门户网站主动公开信息83条。具体包括法规文件1条，法定主动公开内容等其他信息20条。", [("proactive_website", 83)]),
    # An outcome of reviews and lawsuits denied is no none of them (w5503, w5504).
    ("三、依申请公开\n未出现因依申请公开引发的行政复议和行政诉讼被撤销或败诉等情况。", []),
    ("三、依申请公开\n没有因我街道自身原因引起的行政复议被纠错和行政败诉案件。全年无行政复议、无行政纠错。", [("reviews", 0)]),
    # A sentence opening 为此 is about the one before (w5101).
    ("我局开始开展政府信息公开工作。为此，专门配备了2名工作人员。", [("staff", 2)]),
    ("全年通过各类媒体渠道公开政府信息532条，其中通过微信公众号发布消息357条。", [("proactive_total", 532)]),
])
def test_prose_traps_and_phrasings(sentence, expected):
    doc = run("2016年某局政府信息公开工作年度报告\n一、概述\n" + sentence)
    assert sorted((f.metric, f.value) for f in doc.facts) == sorted(expected)


def test_an_approximate_figure_is_marked_so():
    doc = run("2016年某局政府信息公开工作年度报告\n一、概述\n主动公开政府信息2000余条。")
    assert [(f.metric, f.value, f.approximate) for f in doc.facts] == [("proactive_total", 2000, True)]


def test_documents_made_and_published_are_made():
    """"制发公开规范性文件0件" (w5202): made and published, unlike "公开规范性文件3件" (published only)."""
    head = "2021年某乡政府信息公开工作年度报告\n一、总体情况\n"
    tail = "\n二、收到和处理政府信息公开申请情况\n本年度我乡新收政府信息公开申请0起。"
    assert ("t2.normative_docs.made", 0) in {(f.metric, f.value) for f in run(head + "本年度制发公开规范性文件0件。" + tail).facts}
    assert "t2.normative_docs.made" not in {f.metric for f in run(head + "本年度公开规范性文件3件。" + tail).facts}


def test_table_figures_stated_in_prose_in_the_new_template():
    doc = run("2022年某局政府信息公开工作年度报告\n一、总体情况\n全年共收到政府信息公开申请32件，办结上年结转3件，"
              "结转下年度继续办理2件。因政府信息公开引发行政复议4起，其中1起尚未审结。")
    got = {(f.metric, f.value) for f in doc.facts}
    assert {("requests_received", 32), ("t3.new.total", 32), ("t3.carried_over.total", 3),
            ("t3.carried_forward.total", 2), ("reviews", 4), ("t4.review.total", 4), ("t4.review.pending", 1)} <= got
    # Last year's requests counted in the figure itself, or in a later figure only.
    head = "2022年某局政府信息公开工作年度报告\n一、总体情况\n本年主动公开政府信息100条。\n二、依申请公开\n"
    within = run(head + "共收到政府信息公开申请41件（含上年度结转3件）。")
    assert "t3.new.total" not in {f.metric for f in within.facts}
    within = run(head + "共收到政府信息公开申请41件（含上年转结3件）。")  # 转结, as 结转
    assert "t3.new.total" not in {f.metric for f in within.facts}
    later = run(head + "共收到政府信息公开申请161件，办结168件（含上年结转14件）。")
    assert ("t3.new.total", 161) in {(f.metric, f.value) for f in later.facts}
    # Outcomes of lawsuits are theirs, in the block the text names; with no block named, no table figure.
    blocks = run("2023年某区政府信息公开工作年度报告\n二、依申请公开\n因政府信息公开发生行政复议3件，结果维持2件；未经复议直接"
                 "起诉9件，结果维持5件，结果纠正4件；复议后起诉1件，尚未审结1件。")
    assert {("t4.review.upheld", 2), ("t4.litigation_direct.total", 9), ("t4.litigation_direct.upheld", 5),
            ("t4.litigation_direct.corrected", 4), ("t4.litigation_after_review.total", 1),
            ("t4.litigation_after_review.pending", 1)} <= {(f.metric, f.value) for f in blocks.facts}
    unnamed = run("2023年某区政府信息公开工作年度报告\n二、依申请公开\n发生行政诉讼2件，结果维持1件。")
    assert not [f for f in unnamed.facts if f.metric.startswith("t4.")]
    next_year = run(head + "收到政府信息公开申请55件。当年办结53件，结转至2023年办理2件。")
    assert ("t3.carried_forward.total", 2) in {(f.metric, f.value) for f in next_year.facts}
    forward = run(head + "全年共收到政府信息公开申请9件，共办结8件，2022年结转至2023年继续办理1件。")
    got = {(f.metric, f.value) for f in forward.facts}
    assert ("t3.carried_forward.total", 1) in got and not {m for m, _ in got} & {"t3.carried_over.total", "t3.new.total"}
    put_off = run(head + "新收到政府信息公开申请1182件，办理1187件（另有52件申请顺延到下年度答复）。")
    assert ("t3.carried_forward.total", 52) in {(f.metric, f.value) for f in put_off.facts}
    # None carried forward is no none of requests; an outcome "not held by this body"; documents made (制作) or
    # none (部门规章).
    done = run(head + "全年共收到政府信息公开申请18件，其中予以公开16件、非本机关掌握信息2件，均在法定期限内办结，"
                      "无结转至下一年度办理的申请。")
    got = {(f.metric, f.value) for f in done.facts}
    assert {("t3.unavailable.not_held.total", 2), ("t3.carried_forward.total", 0)} <= got
    assert ("requests_received", 0) not in got
    # Requests disclosed named after their count; carried forward 依法顺延 or 转接下年度.
    named = run(head + "已办结的40件政府信息公开申请中，13件予以公开、18件予以部分公开。另外33件申请依法顺延到下年度答复。")
    assert {("t3.disclosed.total", 13), ("t3.partial.total", 18), ("t3.carried_forward.total", 33)} <= \
        {(f.metric, f.value) for f in named.facts}
    agreed = run(head + "今年共办理依申请公开25件，其中同意公开8件，本机关不掌握4件，0件转结2023年办结。")
    assert {("t3.disclosed.total", 8), ("t3.unavailable.not_held.total", 4), ("t3.carried_forward.total", 0)} <= \
        {(f.metric, f.value) for f in agreed.facts}
    # How documents were published is no count of requests; answered 按时限进行答复; carried forward 结转至2023年答复.
    documents = run(head + "今年以来，发布文件15份（不予公开7份，依申请公开5份）。全年共接收群众、企业申请公开12件，"
                           "11件已按时限进行答复。1件结转至2023年答复。")
    assert {("requests_received", 12), ("requests_answered", 11), ("t3.carried_forward.total", 1)} <= \
        {(f.metric, f.value) for f in documents.facts}
    assert ("requests_received", 5) not in {(f.metric, f.value) for f in documents.facts}
    outcomes = run(head + "本年度提出申请的27件中，同意公开的16件，部分公开的1件。2022年受理的37件申请件已按规定在法定期限内"
                          "予以答复，其中“予以公开”的18件。8件结转下年度继续办理。全年共制定0条行政规范性文件。")
    assert {("t3.disclosed.total", 16), ("t3.partial.total", 1), ("requests_answered", 37),
            ("t3.carried_forward.total", 8), ("t2.normative_docs.made", 0)} <= {(f.metric, f.value) for f in outcomes.facts}
    # A label never reaches back over another figure; carried over 转结.
    garbled = run(head + "2022年我局收到政府信息公开申请87分别为予以公开45件；不予公开12件。")
    got = {(f.metric, f.value) for f in garbled.facts}
    assert ("t3.disclosed.total", 45) in got and ("requests_received", 45) not in got
    none_over = run(head + "2022年，受理政府信息公开申请0件；上年转结政府信息公开申请0件。")
    assert {("requests_received", 0), ("t3.carried_over.total", 0)} <= {(f.metric, f.value) for f in none_over.facts}
    quoted = run(head + "已答复件数12件，其中：“予以公开”的件数为1件；“无法提供--本机关不掌握相关政府信息”9件。")
    assert {("t3.disclosed.total", 1), ("t3.unavailable.not_held.total", 9)} <= {(f.metric, f.value) for f in quoted.facts}
    denied_cases = run(head + "2022年，大云镇全年共收到依申请公开件1件，已按期答复1件，无转结下年度继续办理件。涉及复议0件，诉讼0件。"
                              "在办结答复的政府信息申请中，予以公开答复1件。")
    assert {("t3.carried_forward.total", 0), ("reviews", 0), ("lawsuits", 0), ("t3.disclosed.total", 1)} <= \
        {(f.metric, f.value) for f in denied_cases.facts}
    # Last year's carried-over requests named by their year frame nothing after them.
    framed = run(head + "2022年共受理政府信息依申请公开0件，2021年未转结政府信息公开申请，进入行政复议程序和行政诉讼程序均为0件。")
    assert {("reviews", 0), ("lawsuits", 0)} <= {(f.metric, f.value) for f in framed.facts}
    in_items = run(head + "2022年，我局政府信息公开栏目收到公民信息申请共84条，总计68人。上年结转政府信息公开申请5条，"
                          "本年结转2023年政府信息公开申请17条。其中同意公开的有3件。")
    assert {("requests_received", 84), ("t3.carried_over.total", 5), ("t3.carried_forward.total", 17),
            ("t3.disclosed.total", 3)} <= {(f.metric, f.value) for f in in_items.facts}
    counted = run(head + "2022年县档案局行政规范性文件制发件数0件，废止件数0件。")
    assert ("t2.normative_docs.made", 0) in {(f.metric, f.value) for f in counted.facts}
    turned_over = run(head + "2022年区市场监管局共收到信息公开申请152件，上一年度转结3件，已按时办结153件。")
    assert {("t3.carried_over.total", 3), ("t3.new.total", 152)} <= {(f.metric, f.value) for f in turned_over.facts}
    moved = run(head + "共办结政府信息依申请公开733件，其中予以公开238件，转接下年度办理45件。")
    assert ("t3.carried_forward.total", 45) in {(f.metric, f.value) for f in moved.facts}
    turned = run(head + "2022年共收到2件依申请公开，按期答复申请2件。无上年转结依申请公开。")
    got = {(f.metric, f.value) for f in turned.facts}
    assert ("t3.carried_over.total", 0) in got and ("requests_received", 0) not in got
    made = run(head + "2022年，共制作规范性文件1份。我局未制定部门规章。")
    assert {("t2.normative_docs.made", 1), ("t2.regulations.made", 0)} <= {(f.metric, f.value) for f in made.facts}


def test_outcomes_named_after_their_counts_in_the_new_template():
    doc = run("2022年某街道政府信息公开工作年度报告\n二、依申请公开\n共受理政府信息公开申请19件，其中18件已在法定期限内"
              "予以答复，1件结转至2023年度办理；8件办理结果为本机关不掌握相关政府信息，1件办理结果为没有现成信息需要另行制作。"
              "信息公开类行政复议1起，正在办理中。本年未出台规范性文件。")
    got = {(f.metric, f.value) for f in doc.facts}
    assert {("requests_answered", 18), ("t3.carried_forward.total", 1), ("t3.unavailable.not_held.total", 8),
            ("t3.unavailable.needs_creation.total", 1), ("reviews", 1), ("t4.review.total", 1),
            ("t4.review.pending", 1), ("t2.normative_docs.made", 0)} <= got
    # Requests that count last year's carried-over ones (其中上年结转) are not the year's new ones.
    carried = run("2022年某局政府信息公开工作年度报告\n二、依申请公开\n全年共受理政府信息公开申请20件，其中上年结转2件，"
                  "本年新收18件。")
    assert {("requests_received", 20), ("t3.carried_over.total", 2), ("t3.new.total", 18)} <= \
        {(f.metric, f.value) for f in carried.facts}
    assert ("t3.new.total", 20) not in {(f.metric, f.value) for f in carried.facts}
    # "均在法定时限内予以答复" after the year's requests is no count of answers.
    same = run("2022年某局政府信息公开工作年度报告\n二、依申请公开\n受理政府信息公开申请5件，均在法定时限内予以答复。")
    assert "requests_answered" not in {f.metric for f in same.facts}
    # An outcome quoted after 为.
    quoted = run("2023年某街道政府信息公开工作年度报告\n二、依申请公开\n共受理政府信息公开申请10件，其中2件均按规定程序办结，"
                 "6件为“本机关不掌握相关政府信息”，重复申请1件。")
    assert ("t3.unavailable.not_held.total", 6) in {(f.metric, f.value) for f in quoted.facts}
    # Read in the eleventh batch: requests as 依申请公开件 and 受理答复, 办理完成, outcomes 无法提供 and 内部事务,
    # carried forward 转至 a year; a list of documents in 份 (made, repealed, in force); none made in a list.
    more = run("2025年某局政府信息公开工作年度报告\n二、依申请公开\n收到110件依申请公开件，办理完成108件，余下2件转至2026年办理。"
               "其中予以公开3件，属于内部事务信息不予公开1件，本机关不掌握相关政府信息无法提供5件。")
    assert {("requests_received", 110), ("requests_completed", 108), ("t3.carried_forward.total", 2),
            ("t3.refused.internal_affairs.total", 1), ("t3.unavailable.not_held.total", 5)} <= \
        {(f.metric, f.value) for f in more.facts}
    answered = run("2023年某局政府信息公开工作年度报告\n二、依申请公开\n共受理答复依申请公开件34件，办结34件。")
    assert {("requests_received", 34), ("requests_completed", 34)} == {(f.metric, f.value) for f in answered.facts}
    documents = run("2025年某区政府信息公开工作年度报告\n一、总体情况\n（一）主动公开情况\n全区主动公开政府信息577条。"
                    "全年公开重点领域信息183条，制发新增规范性文件8份、"
                    "废止15份、有效存续37份。本年度未制定新的行政法规、规章。")
    assert {("t2.normative_docs.made", 8), ("t2.normative_docs.repealed", 15), ("t2.normative_docs.in_force", 37),
            ("t2.regulations.made", 0)} <= {(f.metric, f.value) for f in documents.facts}
    # Outcomes before their counts; a merged outcome is no row's; documents in force listed as 现行有效文件.
    outcomes = run("2023年某局政府信息公开工作年度报告\n二、依申请公开\n2023年共收到依申请公开12件，予以公开5件，"
                   "没有现成信息需另行制作1件，属于行政执法案卷2件，同意公开或部分公开4件。制定发布规范性文件4件，现行有效文件20件。")
    got = {(f.metric, f.value) for f in outcomes.facts}
    assert {("t3.unavailable.needs_creation.total", 1), ("t3.refused.enforcement_files.total", 2),
            ("t2.normative_docs.in_force", 20)} <= got and ("t3.partial.total", 4) not in got
    # The outcome every request had; requests that count one carried over; no regulation in force.
    every = run("2021年某局政府信息公开工作年度报告\n二、依申请公开\n2021年，我局收到政府信息公开申请1件，已予以部分公开。"
                "本镇现行有效的规范性文件共23件，无现行有效的本级政府规章。")
    assert {("requests_received", 1), ("t3.partial.total", 1), ("t2.normative_docs.in_force", 23),
            ("t2.regulations.in_force", 0)} <= {(f.metric, f.value) for f in every.facts}
    # Read in the 57th-59th batches: documents in force as 现行有效件数 (w5607); withheld to protect a third party (w5609);
    # an interpretation written with the documents (配文解读) is made, not a category listed (w5503).
    counts = run("2024年某局政府信息公开工作年度报告\n一、总体情况\n全年共发布管委会文件41件，配文解读32件。"
                 "2024年共制发行政规范性文件8件，废止17件，现行有效件数20件。\n二、依申请公开\n共受理政府信息公开申请41件，"
                 "本机关不掌握相关政府信息15件，保护第三方合法权益不予公开件16件。")
    assert {("interpretations", 32), ("t2.normative_docs.in_force", 20), ("t3.refused.third_party.total", 16)} <= \
        {(f.metric, f.value) for f in counts.facts}
    # The outcome every request had after 系 (w5711); an outcome in 条 (w5715).
    head = "2022年某局政府信息公开工作年度报告\n二、依申请公开\n"
    every = run(head + "2022年，我局办理依申请公开事件2起，系本机关不掌握的相关政府信息。")
    assert ("t3.unavailable.not_held.total", 2) in {(f.metric, f.value) for f in every.facts}
    one = run(head + "2022年，我局收到依申请公开2条，予以公开1条，本机关不掌握相关政府信息1条。")
    assert ("t3.unavailable.not_held.total", 1) in {(f.metric, f.value) for f in one.facts}
    counted = run("2021年某局政府信息公开工作年度报告\n二、依申请公开\n全年收到政府信息公开申请30件（其中1件为上年度结转），"
                  "办结30件。")
    got = {(f.metric, f.value) for f in counted.facts}
    assert {("requests_received", 30), ("t3.carried_over.total", 1)} <= got and ("t3.new.total", 30) not in got
    # A list of outcomes after the completed ones: each outcome its own count, never the next one's.
    listed = run("2023年某市政府信息公开工作年度报告\n二、依申请公开\n共收到政府信息公开申请132件，上年结转2件。目前依法办结"
                 "122件，其中予以公开的27件，部分公开的38件，无法提供的48件。共办理并答复申请3件，顺延至下一年答复2件。")
    got = {(f.metric, f.value) for f in listed.facts}
    assert ("t3.partial.total", 27) not in got and ("t3.carried_forward.total", 2) in got
    later = run("2023年某局政府信息公开工作年度报告\n二、依申请公开\n共受理依申请公开17件，重复申请1件，转下年度继续办理1件。"
                "属于行政执法案卷不予公开1件。截至年底，无新增行政规范性文件。")
    # Outcomes of lawsuits are theirs, in the block the text names; with no block named, no table figure.
    blocks = run("2023年某区政府信息公开工作年度报告\n二、依申请公开\n因政府信息公开发生行政复议3件，结果维持2件；未经复议直接"
                 "起诉9件，结果维持5件，结果纠正4件；复议后起诉1件，尚未审结1件。")
    assert {("t4.review.upheld", 2), ("t4.litigation_direct.total", 9), ("t4.litigation_direct.upheld", 5),
            ("t4.litigation_direct.corrected", 4), ("t4.litigation_after_review.total", 1),
            ("t4.litigation_after_review.pending", 1)} <= {(f.metric, f.value) for f in blocks.facts}
    unnamed = run("2023年某区政府信息公开工作年度报告\n二、依申请公开\n发生行政诉讼2件，结果维持1件。")
    assert not [f for f in unnamed.facts if f.metric.startswith("t4.")]
    next_year = run("2023年某局政府信息公开工作年度报告\n二、依申请公开\n收到依申请公开164件，办理85件，下年度继续办理81件。")
    assert ("t3.carried_forward.total", 81) in {(f.metric, f.value) for f in next_year.facts}
    got = {(f.metric, f.value) for f in later.facts}
    assert {("t3.carried_forward.total", 1), ("t3.refused.enforcement_files.total", 1), ("t2.normative_docs.made", 0)} <= got
    # A list of both kinds of document: which one 废止 belongs to is not said.
    both = run("2022年某市政府信息公开工作年度报告\n一、总体情况\n（一）主动公开情况\n主动公开市政府规章13件（含新制定5件，修改4件，废止4件），"
               "主动公开行政规范性文件42件。")
    assert both.template == "new" and "t2.normative_docs.repealed" not in {f.metric for f in both.facts}


def test_made_documents_published_and_a_review_all_upheld_in_the_new_template():
    doc = run("2022年某局政府信息公开工作年度报告\n一、总体情况\n通过门户网站主动公开2022年新制定的行政规范性文件17件、"
              "公开规范性文件32件。因政府信息公开申请引发行政复议1件，结果维持。")
    got = {(f.metric, f.value) for f in doc.facts}
    assert {("t2.normative_docs.made", 17), ("reviews", 1), ("t4.review.upheld", 1)} <= got
    assert ("t2.normative_docs.made", 32) not in got  # merely published
    made = run("2022年某局政府信息公开工作年度报告\n一、总体情况\n本机关主动公开政府信息120条，未收到依申请公开的申请。"
               "2022年度制定并公开行政规范性文件8件。")
    assert ("t2.normative_docs.made", 8) in {(f.metric, f.value) for f in made.facts}
    split = run("2022年某局政府信息公开工作年度报告\n一、总体情况\n行政复议3件，结果维持2件。")
    assert ("t4.review.upheld", 3) not in {(f.metric, f.value) for f in split.facts}
    both = run("2022年某局政府信息公开工作年度报告\n一、总体情况\n办结申请81件，其中：予以公开及部分公开42件。")
    assert not [f for f in both.facts if f.metric.startswith("t3.")]  # two outcomes together


def test_written_zero_is_a_fact():
    doc = run("二、依申请公开情况\n2013年，我局共接到政府信息公开申请0件。")
    assert [(f.metric, f.value) for f in doc.facts] == [("requests_received", 0)]


def test_run_together_row_recovered_only_by_deduction():
    names = [f"t3.new.{c}" for c in ("natural_person", "business", "research", "nonprofit", "legal_service",
                                      "other_org", "total")]

    def row_sum(r):
        return consistent({n: v for n, (v, _, _) in zip(names, r)}, changed=names)

    unique, deduced = readings(Row("new", (0, 0), [Cell("15130000154", 0, 11)], False), 7, True, row_sum)
    assert deduced and [[v for v, _, _ in c] for c in unique] == [[151, 3, 0, 0, 0, 0, 154]]
    # spans are the digits inside the run
    assert [(a, b) for _, a, b in unique[0]] == [(0, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 11)]
    ambiguous, _ = readings(Row("new", (0, 0), [Cell("101010012", 0, 9)], False), 7, True, row_sum)
    assert len(ambiguous) > 1


def test_ambiguous_row_gives_no_fact_and_a_check_naming_it():
    text = ("2021年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息3条。\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 101010012 二、上年结转政府信息公开申请数量 0000000\n"
            "四、政府信息公开行政复议、行政诉讼情况\n行政复议")
    doc = run(text)
    assert not any(f.metric.startswith("t3.new.") for f in doc.facts)
    assert [f.value for f in doc.facts if f.metric.startswith("t3.carried_over.")] == [0] * 7
    assert any(c.rule == "table_row_unreadable" and "本年新收" in c.message for c in doc.checks)


def test_html_table_with_rowspan_and_colspan():
    doc = analyze(next(read_path(str(FIXTURES / "report.html"))))
    t4 = [(f.metric, f.value) for f in doc.facts if f.metric.startswith("t4.")]
    assert [v for _, v in t4] == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    assert t4[4] == ("t4.review.total", 351) and t4[-1] == ("t4.litigation_after_review.total", 20)
    assert any(c.rule == "t4_identities" and c.ok for c in doc.checks)
    for f in doc.facts:  # a figure's span is its number, a table cell's too (a statement of none: its words)
        span = doc.text[f.start:f.end]
        assert span.replace(",", "") == f"{f.value:g}" or (f.value == 0 and not re.search(r"\d", span))


@pytest.mark.parametrize("file,shape_prefix", [
    ("r025.txt", "t3."), ("r043.txt", "t3."), ("r014.txt", "t3."), ("r026.txt", "t4."), ("r001.txt", "t4."),
])
def test_each_table_shape_parses_to_the_hand_checked_cells(file, shape_prefix):
    row = next(r for r in gold_facts() if r["file"] == file)
    doc = run(row["text"])
    gold = {fact_key(m, v, u) for m, v, u in row["facts"] if m.startswith(shape_prefix)}
    got = {fact_key(f.metric, f.value, f.unit) for f in doc.facts if f.metric.startswith(shape_prefix)}
    assert gold and got == gold


def test_fact_precision_and_recall_on_hand_checked_reports():
    scores = score_facts(gold_facts(), Pipeline("rules"))
    # The figures as landed: table P 1.000 R 0.995, prose P 1.000 R 0.947 (training.evaluate).
    assert scores["table"].precision() >= 0.995 and scores["table"].recall() >= 0.99
    assert scores["prose"].precision() >= 0.97 and scores["prose"].recall() >= 0.94


def test_identities_pass_on_a_consistent_report_and_fail_with_numbers_on_one_that_disagrees():
    good = run((RAW / "corpus/reports/r043.txt").read_text(encoding="utf-8"))
    assert {c.rule: c.ok for c in good.checks}["t3_identities"] is True
    bad = run((RAW / "corpus/reports/r014.txt").read_text(encoding="utf-8"))
    failed = [c for c in bad.checks if c.rule == "t3_result_total" and c.ok is False]
    assert failed and "27" in failed[-1].message and "21" in failed[-1].message


def test_text_vs_table_disagreement_is_reported():
    # r112 says 共收到政府信息公开申请0条 where its table 三 gives 3 new requests.
    doc = run((RAW / "corpus/reports/r112.txt").read_text(encoding="utf-8"))
    check = next(c for c in doc.checks if c.rule == "text_vs_table")
    assert check.ok is False and "0件" in check.message and "3件" in check.message
    # r070's 其中网络申请数11件 is one channel, not a prose figure of new requests to set against the table.
    r070 = run((RAW / "corpus/reports/r070.txt").read_text(encoding="utf-8"))
    assert not [c for c in r070.checks if c.rule == "text_vs_table" and not c.ok]


def test_required_sections_check_names_the_missing_ones(seed_text):
    doc = run(seed_text)
    check = next(c for c in doc.checks if c.rule == "required_sections")
    assert check.ok is False and "收费及减免情况" in check.message and "其他需要报告的事项" in check.message


def test_prose_labels_are_taxonomy_data():
    """The words of prose facts live in the taxonomy: every label names a metric of
    it, accepts that metric's own unit, and its {word} groups are written out."""
    from model.taxonomy import metrics, prose
    known, words = metrics(), prose()
    units: dict[str, set[str]] = {}
    for row in words["labels"] + words["after"]:
        assert row["metric"] in known
        units.setdefault(row["metric"], set()).update(row["units"])
    for metric, accepted in units.items():
        assert known[metric]["unit"] in accepted, metric
    for row in words["labels"] + words["after"] + words["none"]:
        assert not re.search(r"\{[a-z_]+\}", row.get("before") or row.get("after") or row.get("denied"))
    assert {r["metric"] for r in words["none"]} <= set(known)
